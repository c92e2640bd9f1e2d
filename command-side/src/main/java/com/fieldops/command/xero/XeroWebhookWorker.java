package com.fieldops.command.xero;

import com.fieldops.command.messaging.ActorMetaData;
import com.fieldops.xero.sync.XeroSyncCommands.RequestXeroSync;
import com.fieldops.xero.sync.XeroSyncMode;
import com.fieldops.xero.sync.XeroSyncState;
import com.fieldops.xero.sync.XeroSyncTrigger;
import com.fieldops.xero.sync.XeroSyncType;
import com.fieldops.xero.sync.XeroTenantDirectory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns queued webhook events into syncs: a tenant's INVOICE events become one incremental {@code invoices} sync of
 * the organisation owning the tenant, its CONTACT events one incremental {@code contacts} sync (a renamed contact
 * changes no invoice's UpdatedDateUTC); there are no Item or Payment webhooks. Events are acted on in the transaction
 * that requests the sync, so a crash in between leaves them queued, not lost.
 */
@Component
public class XeroWebhookWorker {

    static final String ACTOR = "Xero webhook";
    private static final Map<String, XeroSyncType> SYNC_OF_CATEGORY = Map.of("INVOICE", XeroSyncType.INVOICES,
            "CONTACT", XeroSyncType.CONTACTS);
    private static final int BATCH = 500;

    private final XeroWebhookInbox inbox;
    private final XeroTenantDirectory tenants;
    private final CommandGateway commands;
    private final TransactionTemplate transaction;

    public XeroWebhookWorker(XeroWebhookInbox inbox, XeroTenantDirectory tenants, CommandGateway commands,
                             PlatformTransactionManager transactions) {
        this.inbox = inbox;
        this.tenants = tenants;
        this.commands = commands;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Scheduled(fixedDelayString = "${fieldops.xero.webhook-poll:1s}")
    public void actOnQueuedEvents() {
        transaction.executeWithoutResult(status -> {
            Map<String, List<XeroWebhookInbox.Pending>> byTenant = inbox.lockPending(BATCH).stream()
                    .collect(Collectors.groupingBy(XeroWebhookInbox.Pending::tenantId, LinkedHashMap::new,
                            Collectors.toList()));
            byTenant.forEach(this::actOn);
        });
    }

    private void actOn(String tenantId, List<XeroWebhookInbox.Pending> events) {
        Map<Optional<XeroSyncType>, List<XeroWebhookInbox.Pending>> byType = events.stream().collect(
                Collectors.groupingBy(event -> Optional.ofNullable(SYNC_OF_CATEGORY.get(event.category())),
                        LinkedHashMap::new, Collectors.toList()));
        List<XeroWebhookInbox.Pending> ignored = byType.remove(Optional.<XeroSyncType>empty());
        if (ignored != null) inbox.done(ignored, XeroWebhookInbox.Outcome.IGNORED, null);
        if (byType.isEmpty()) return;
        Optional<UUID> org = tenants.organizationOf(tenantId);
        if (org.isEmpty()) {
            byType.values().forEach(pending -> inbox.done(pending, XeroWebhookInbox.Outcome.UNKNOWN_TENANT, null));
            return;
        }
        byType.forEach((type, pending) -> requestSync(org.get(), type.orElseThrow(), pending));
    }

    private void requestSync(UUID orgId, XeroSyncType type, List<XeroWebhookInbox.Pending> events) {
        UUID requested = UUID.randomUUID();
        XeroSyncState sync = commands.sendAndWait(ActorMetaData.system(new RequestXeroSync(requested, orgId, type,
                XeroSyncTrigger.WEBHOOK, XeroSyncMode.INCREMENTAL), orgId, ACTOR));
        // a sync already running may have read past these changes: they wait for it to end and then start the next;
        // a pending one has not read anything yet and will see them
        if (!sync.syncId().equals(requested) && XeroSyncState.RUNNING.equals(sync.status())) return;
        inbox.done(events, XeroWebhookInbox.Outcome.SYNC_REQUESTED, sync.syncId());
    }
}
