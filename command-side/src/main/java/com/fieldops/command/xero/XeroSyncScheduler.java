package com.fieldops.command.xero;

import com.fieldops.command.messaging.ActorMetaData;
import com.fieldops.command.organization.OrganizationDefaults;
import com.fieldops.platform.schedule.XeroSyncCron;
import com.fieldops.xero.sync.ScheduledSyncOrganizations;
import com.fieldops.xero.sync.XeroSyncCommands.RequestXeroSync;
import com.fieldops.xero.sync.XeroSyncMode;
import com.fieldops.xero.sync.XeroSyncTrigger;
import com.fieldops.xero.sync.XeroSyncType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily sync: each organisation's next run (FIELDOPS_XERO_SYNC_CRON in its timezone) is a row of
 * {@code xero_sync_schedule}. Every process looks once a minute; the one whose compare-and-set moves a due row on to
 * the following run requests the {@code all} sync in the same transaction, so each run happens exactly once however
 * many processes look, and a run missed while every process was down happens at the next look.
 */
@Component
public class XeroSyncScheduler {

    static final String ACTOR = "Xero sync schedule";

    private final ScheduledSyncOrganizations organizations;
    private final OrganizationDefaults defaults;
    private final XeroSyncCron cron;
    private final CommandGateway commands;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    public XeroSyncScheduler(ScheduledSyncOrganizations organizations, OrganizationDefaults defaults, XeroSyncCron cron,
                             CommandGateway commands, JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.organizations = organizations;
        this.defaults = defaults;
        this.cron = cron;
        this.commands = commands;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Every minute by default; "-" switches the schedule off (the tests drive it with their own clock). */
    @Scheduled(cron = "${fieldops.xero.schedule-check-cron:0 * * * * *}")
    public void requestDueSyncs() {
        requestDueSyncs(Instant.now());
    }

    /** Requests the syncs due at {@code now}; answers the organisations this call requested one for. */
    public List<UUID> requestDueSyncs(Instant now) {
        List<UUID> requested = new ArrayList<>();
        for (UUID org : organizations.organizations()) {
            if (Boolean.TRUE.equals(transaction.execute(status -> requestIfDue(org, now)))) requested.add(org);
        }
        return requested;
    }

    private boolean requestIfDue(UUID org, Instant now) {
        Instant following = cron.nextAfter(now, zoneOf(org));
        Optional<Instant> planned = jdbc.sql("select next_run_at from xero_sync_schedule where org_id = :org")
                .param("org", org).query(OffsetDateTime.class).optional().map(OffsetDateTime::toInstant);
        if (planned.isEmpty()) {
            // an organisation seen for the first time runs at its next scheduled time, not at once
            jdbc.sql("insert into xero_sync_schedule (org_id, next_run_at) values (:org, :next) on conflict do nothing")
                    .param("org", org).param("next", utc(following)).update();
            return false;
        }
        if (planned.get().isAfter(now)) {
            // not due; a changed timezone or cron moves the planned run
            if (!planned.get().equals(following)) moveOn(org, planned.get(), following);
            return false;
        }
        if (!moveOn(org, planned.get(), following)) return false; // another process took this run
        commands.sendAndWait(ActorMetaData.system(new RequestXeroSync(UUID.randomUUID(), org, XeroSyncType.ALL,
                XeroSyncTrigger.SCHEDULE, XeroSyncMode.INCREMENTAL), org, ACTOR));
        return true;
    }

    /**
     * The organisation's timezone as its settings read model has it (as the sync status reports the next run from
     * it): the scheduler runs outside any command, where the Organization aggregate cannot be loaded.
     */
    private ZoneId zoneOf(UUID org) {
        return ZoneId.of(jdbc.sql("select timezone from organization_settings where org_id = :org").param("org", org)
                .query(String.class).optional().orElse(defaults.timezone()));
    }

    private boolean moveOn(UUID org, Instant planned, Instant following) {
        return jdbc.sql("""
                        update xero_sync_schedule set next_run_at = :next
                        where org_id = :org and next_run_at = :planned""")
                .param("org", org).param("planned", utc(planned)).param("next", utc(following)).update() == 1;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
