package com.fieldops.command.xero;

import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Webhook events waiting to become syncs, in {@code xero_webhook_event}: one row per event identity, so a delivery
 * Xero sends again adds nothing. A row is done once the worker has acted on it, with what it did as outcome.
 */
@Component
public class XeroWebhookInbox {

    /** What became of an event. */
    public enum Outcome { SYNC_REQUESTED, UNKNOWN_TENANT, IGNORED }

    /** An event still to act on. */
    public record Pending(String key, String tenantId, String category) {
    }

    private final JdbcClient jdbc;

    public XeroWebhookInbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @CommandHandler
    public int handle(RecordXeroWebhookEvents command) {
        int queued = 0;
        for (XeroWebhookEvent event : command.events()) {
            queued += jdbc.sql("""
                            insert into xero_webhook_event (event_key, tenant_id, event_category, event_type,
                                                            resource_id, event_date_utc, received_at)
                            values (:key, :tenant, :category, :type, :resource, :at, now())
                            on conflict (event_key) do nothing""")
                    .param("key", event.key())
                    .param("tenant", event.tenantId())
                    .param("category", event.category())
                    .param("type", event.type())
                    .param("resource", event.resourceId())
                    .param("at", event.eventDateUtc())
                    .update();
        }
        return queued;
    }

    /** The oldest events not acted on yet, locked for this transaction; other workers skip them. */
    public List<Pending> lockPending(int limit) {
        return jdbc.sql("""
                        select event_key, tenant_id, event_category from xero_webhook_event
                        where processed_at is null order by received_at, event_key limit :limit
                        for update skip locked""")
                .param("limit", limit)
                .query((row, number) -> new Pending(row.getString(1), row.getString(2), row.getString(3)))
                .list();
    }

    public void done(List<Pending> events, Outcome outcome, UUID syncId) {
        jdbc.sql("""
                        update xero_webhook_event set processed_at = now(), outcome = :outcome, sync_id = :sync
                        where event_key = any(:keys)""")
                .param("outcome", outcome.name().toLowerCase())
                .param("sync", syncId)
                .param("keys", events.stream().map(Pending::key).toArray(String[]::new))
                .update();
    }
}
