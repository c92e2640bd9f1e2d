package com.fieldops.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fieldops.command.organization.ChangeOrganizationSettings;
import com.fieldops.command.organization.OrganizationDefaults;
import com.fieldops.command.xero.XeroSyncScheduler;
import com.fieldops.platform.schedule.XeroSyncCron;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The daily schedule against the real database: each organisation's run at 2 am in its own timezone, requested
 * exactly once however many processes look at the same moment.
 */
@FieldOpsTest
class XeroSyncScheduleTest {

    @Autowired
    OrganizationDefaults defaults;
    @Autowired
    XeroSyncCron cron;
    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    private final UUID auckland = UUID.randomUUID();
    private final UUID utc = UUID.randomUUID();

    /** A process's scheduler, looking at this test's organisations only (others share the database). */
    private XeroSyncScheduler process() {
        return new XeroSyncScheduler(() -> List.of(auckland, utc), defaults, cron, commands, jdbc, transactions);
    }

    private Instant planned(UUID org) {
        return jdbc.sql("select next_run_at from xero_sync_schedule where org_id = ?").param(org)
                .query(OffsetDateTime.class).single().toInstant();
    }

    private void moveToAuckland() {
        commands.sendAndWait(new ChangeOrganizationSettings(auckland, "Pacific/Auckland", null));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select timezone from organization_settings where org_id = ?").param(auckland).query(String.class)
                .optional().orElse(""), "Pacific/Auckland"::equals);
    }

    @Test
    void eachOrganisationIsSyncedOnceAtTwoAmInItsTimezone() {
        moveToAuckland();
        Instant start = Instant.parse("2026-01-23T10:00:00Z");

        assertThat(process().requestDueSyncs(start)).as("first seen: planned, not run").isEmpty();
        assertThat(planned(auckland)).isEqualTo(Instant.parse("2026-01-23T13:00:00Z")); // 2 am NZDT on the 24th
        assertThat(planned(utc)).isEqualTo(Instant.parse("2026-01-24T02:00:00Z"));
        assertThat(process().requestDueSyncs(Instant.parse("2026-01-23T12:59:00Z"))).isEmpty();

        // two processes look at the same moment, after both runs were due
        Instant later = Instant.parse("2026-01-24T02:00:30Z");
        List<CompletableFuture<List<UUID>>> looks = new ArrayList<>();
        for (int process = 0; process < 2; process++) {
            XeroSyncScheduler scheduler = process();
            looks.add(CompletableFuture.supplyAsync(() -> scheduler.requestDueSyncs(later)));
        }
        List<UUID> requested = looks.stream().flatMap(look -> look.join().stream()).toList();
        assertThat(requested).containsExactlyInAnyOrder(auckland, utc);
        assertThat(process().requestDueSyncs(later)).as("and not again").isEmpty();

        assertThat(planned(auckland)).isEqualTo(Instant.parse("2026-01-24T13:00:00Z"));
        assertThat(planned(utc)).isEqualTo(Instant.parse("2026-01-25T02:00:00Z"));
        Map<UUID, List<String>> syncs = await().atMost(Duration.ofSeconds(30)).until(this::scheduledSyncs,
                found -> found.size() == 2);
        assertThat(syncs.get(auckland)).containsExactly("all");
        assertThat(syncs.get(utc)).containsExactly("all");
    }

    @Test
    void aChangedTimezoneMovesThePlannedRun() {
        Instant start = Instant.parse("2026-01-23T10:00:00Z");
        process().requestDueSyncs(start);
        assertThat(planned(auckland)).isEqualTo(Instant.parse("2026-01-24T02:00:00Z"));
        moveToAuckland();
        assertThat(process().requestDueSyncs(start.plusSeconds(60))).isEmpty();
        assertThat(planned(auckland)).isEqualTo(Instant.parse("2026-01-23T13:00:00Z"));
    }

    private Map<UUID, List<String>> scheduledSyncs() {
        return jdbc.sql("select org_id, sync_type from xero_sync_log where org_id in (?, ?) and trigger = 'schedule'")
                .params(auckland, utc)
                .query((row, number) -> Map.entry(row.getObject(1, UUID.class), row.getString(2))).list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }
}
