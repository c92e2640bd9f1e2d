package com.fieldops.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fieldops.app.xero.XeroFake;
import com.fieldops.command.financials.RecordXeroContact;
import com.fieldops.events.CloudEvent;
import com.fieldops.events.FieldOpsEvent;
import com.fieldops.events.xero.XeroSyncCounts;
import com.fieldops.events.xero.XeroSyncError;
import com.fieldops.events.xero.XeroSyncProgressed;
import com.fieldops.events.xero.XeroSyncRequested;
import com.fieldops.events.xero.XeroSyncStarted;
import com.fieldops.platform.security.AppRole;
import com.fieldops.query.history.EventStorePages;
import com.fieldops.query.projection.Projection;
import com.fieldops.query.projection.RebuildBarrier;
import com.fieldops.query.projection.SideEffect;
import com.fieldops.query.rebuild.ProjectionRebuild;
import com.fieldops.query.rebuild.RebuildState;
import com.fieldops.query.rebuild.ShadowSchema;
import com.fieldops.xero.sync.XeroSyncCommands.CompleteXeroSync;
import com.fieldops.xero.sync.XeroSyncCommands.FailXeroSync;
import com.fieldops.xero.sync.XeroSyncCommands.RecordXeroSyncProgress;
import com.fieldops.xero.sync.XeroSyncCommands.StartXeroSync;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Rebuilding read models from the event store: the rebuilt tables hold exactly the rows the consumer made (checksums
 * per organisation, since other test classes share the database), readers keep reading the old model until the swap,
 * an event arriving meanwhile is in the new model, the swapped tables keep their RLS, indexes and grants, and side
 * effects are never replayed.
 */
@FieldOpsTest
class ProjectionRebuildTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProjectionRebuild rebuilds;
    @Autowired
    List<Projection> projections;
    @Autowired
    EventStorePages pages;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    ShadowSchema shadow;
    @Autowired
    RebuildBarrier barrier;
    @Autowired
    CommandGateway commands;
    @LocalManagementPort
    int managementPort;

    @Test
    void aRebuildYieldsExactlyTheSameReadModelsAndRepairsABrokenOne() {
        Api api = new Api(rest);
        UUID org = dataset(api);
        Map<String, String> before = checksums(org);
        JsonNode feedBefore = feed(api, org);
        assertThat(feedBefore).hasSizeGreaterThan(20);

        jdbc.sql("delete from activity_log where org_id = ? and action like 'timesheet%'").param(org).update();
        assertThat(checksums(org)).isNotEqualTo(before);
        assertThat(rebuilds.rebuild("activity_log").phase()).isEqualTo(RebuildState.Phase.DONE);
        assertThat(checksums(org)).as("activity_log rebuilt").isEqualTo(before);

        for (Projection projection : rebuilds.replayable()) {
            rebuilds.rebuild(projection.name());
            assertThat(checksums(org)).as(projection.name() + " rebuilt").isEqualTo(before);
        }
        RebuildState all = rebuilds.rebuild(ProjectionRebuild.ALL);
        assertThat(all.tables()).contains("activity_types", "organization_settings", "timesheets", "jobs",
                "activity_log", "dashboard_totals", "dashboard_revenue", "dashboard_completions", "invoices",
                "xero_contacts", "revenue_targets", "xero_sync_log");
        assertThat(checksums(org)).as("every read model rebuilt").isEqualTo(before);
        assertThat(feed(api, org)).isEqualTo(feedBefore);
    }

    @Test
    void readsAreServedFromTheOldModelUntilTheSwapAndAnEventArrivingMeanwhileIsInTheNewOne() {
        Api api = new Api(rest);
        Api.User admin = Api.user(UUID.randomUUID(), AppRole.ADMIN, "Ada");
        Api.User stranger = Api.user(UUID.randomUUID(), AppRole.ADMIN, "Eve");
        String id = api.post(admin, "/api/activity-types", Map.of("name", "Before", "hourly_rate", 10))
                .getBody().get("id").asText();
        assertThat(names(api, admin)).containsExactly("Before"); // now cached
        // the model breaks behind the projection's back (the stamp moves, so readers see it)
        jdbc.sql("update activity_types set name = 'Broken' where id = ?::uuid").param(id).update();
        jdbc.sql("update activity_type_list_stamp set stamp = stamp + 1 where org_id = ?").param(admin.orgId()).update();
        assertThat(names(api, admin)).containsExactly("Broken");
        List<String> securityBefore = securityOf("activity_types");

        ProjectionRebuild.Run run = rebuilds.start("activity_types");
        run.replay();
        assertThatThrownBy(() -> rebuilds.start("jobs")).as("one at a time").isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> instance(projections).start("jobs")).as("on any instance")
                .isInstanceOf(IllegalStateException.class);
        assertThat(names(api, admin)).as("the old model still serves reads").containsExactly("Broken");
        assertThat(api.post(admin, "/api/activity-types", Map.of("name", "During", "hourly_rate", 20))
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(names(api, admin)).as("and stays current").containsExactly("Broken", "During");
        run.finish();

        assertThat(names(api, admin)).as("the rebuilt model, with the event that came meanwhile")
                .containsExactly("Before", "During");
        assertThat(names(api, stranger)).as("row-level security still confines readers").isEmpty();
        assertThat(securityOf("activity_types")).as("policies, grants and indexes after the swap")
                .isEqualTo(securityBefore);
        assertThat(rebuilds.state().orElseThrow().phase()).isEqualTo(RebuildState.Phase.DONE);
    }

    @Test
    void sideEffectsAreNeverReplayed() {
        new Api(rest).post(Api.user(UUID.randomUUID(), AppRole.ADMIN, "Ada"), "/api/activity-types",
                Map.of("name", "Anything", "hourly_rate", 1));
        AtomicLong pushed = new AtomicLong();
        AtomicLong replayed = new AtomicLong();
        SideEffect xeroPush = new SideEffect() {
            @Override
            public String name() {
                return "xero_push";
            }

            @Override
            public boolean apply(CloudEvent envelope, FieldOpsEvent event) {
                pushed.incrementAndGet();
                return true;
            }
        };
        Projection counter = new Projection() {
            @Override
            public String name() {
                return "counter";
            }

            @Override
            public List<String> tables() {
                return List.of();
            }

            @Override
            public boolean apply(CloudEvent envelope, FieldOpsEvent event) {
                replayed.incrementAndGet();
                return true;
            }
        };
        List<Projection> withSideEffect = new ArrayList<>(projections);
        withSideEffect.add(0, xeroPush);
        withSideEffect.add(counter);
        ProjectionRebuild rebuild = instance(withSideEffect);

        assertThat(rebuild.replayable()).doesNotContain(xeroPush).contains(counter);
        rebuild.rebuild("counter");
        assertThat(replayed.get()).isPositive();
        assertThat(pushed.get()).as("side effects during a rebuild").isZero();
    }

    @Test
    void operatorsListProjectionsWithTheirLagAndRebuildOneOnTheManagementPort() {
        new Api(rest).post(Api.user(UUID.randomUUID(), AppRole.ADMIN, "Ada"), "/api/activity-types",
                Map.of("name", "Listed", "hourly_rate", 1));
        String endpoint = "http://127.0.0.1:" + managementPort + "/actuator/projections";
        JsonNode report = rest.getForObject(endpoint, JsonNode.class);
        assertThat(report.get("store").get("position").asLong()).isPositive();
        assertThat(report.get("consumer").get("group").asText()).isNotBlank();
        assertThat(StreamSupport.stream(report.get("projections").spliterator(), false)
                .map(projection -> projection.get("name").asText()))
                .contains("activity_types", "organization_settings", "timesheets", "jobs", "activity_log", "dashboard",
                        "invoices", "revenue_targets");
        assertThat(post(endpoint + "/nothing").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        ResponseEntity<JsonNode> started = post(endpoint + "/jobs");
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(started.getBody().get("projection").asText()).isEqualTo("jobs");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                rest.getForObject(endpoint, JsonNode.class).get("rebuild").get("phase").asText()).isEqualTo("DONE"));

        assertThat(rest.getForEntity("/actuator/projections", String.class).getStatusCode().is2xxSuccessful())
                .as("not on the public port").isFalse();
    }

    /** A rebuild as another query-side instance, or one fed other projections, has it. */
    private ProjectionRebuild instance(List<Projection> fed) {
        return new ProjectionRebuild(fed, pages, jdbc, transactions, shadow, barrier, 7);
    }

    private static JsonNode feed(Api api, UUID org) {
        return api.get(Api.user(org, AppRole.ADMIN, "Ada"), "/api/dashboard/activity-feed?limit=100").getBody();
    }

    private ResponseEntity<JsonNode> post(String url) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.exchange(url, HttpMethod.POST, new HttpEntity<>("{}", headers), JsonNode.class);
    }

    /**
     * An organisation with a history through every projection: settings, activity types created, changed, disabled,
     * enabled and imported, timesheets through their life cycle, jobs and projects from the inbound contract, revenue
     * targets set and changed, Xero invoices recorded as the sync records them (one paid later, and its older state
     * arriving late), their contact renamed between the first invoices and the later state of one, Xero syncs that
     * completed and failed. Returns once the consumer has applied all of it.
     */
    private UUID dataset(Api api) {
        UUID org = UUID.randomUUID();
        UUID team = UUID.randomUUID();
        Api.User admin = Api.user(org, AppRole.ADMIN, "Ada");
        Api.User manager = new Api.User(UUID.randomUUID(), org, AppRole.MANAGER, team, "Max");
        Api.User tech = new Api.User(UUID.randomUUID(), org, AppRole.TECHNICIAN, team, "Jane");
        Api.User service = Api.user(org, AppRole.SERVICE, "jobs");
        assertThat(api.put(admin, "/api/organization/settings", Map.of("timezone", "Europe/Berlin"))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        String electrical = api.post(admin, "/api/activity-types", Map.of("name", "Electrical", "hourly_rate", 95.5))
                .getBody().get("id").asText();
        String spare = api.post(admin, "/api/activity-types", Map.of("name", "Spare", "hourly_rate", 1))
                .getBody().get("id").asText();
        api.put(admin, "/api/activity-types/" + electrical, Map.of("name", "Electrics", "hourly_rate", 99));
        api.delete(admin, "/api/activity-types/" + spare);
        api.put(admin, "/api/activity-types/" + spare, Map.of("enabled", true));
        JsonNode imported = api.call(admin, HttpMethod.POST, "/api/activity-types/bulk-import",
                "name,hourly_rate,xero_code\nPlumbing,80,P1\nPainting,60.25,\n".getBytes(StandardCharsets.UTF_8),
                MediaType.parseMediaType("text/csv")).getBody();
        assertThat(imported.path("imported").asInt()).as(imported.toString()).isEqualTo(2);

        LocalDate today = LocalDate.now();
        String approved = api.logTimesheet(tech, electrical, today, "2");
        api.put(tech, "/api/timesheets/" + approved, Map.of("hours", new BigDecimal("2.5")));
        api.post(tech, "/api/timesheets/" + approved + "/submit", null);
        api.post(manager, "/api/timesheets/" + approved + "/approve", null);
        String rejected = api.logTimesheet(tech, spare, today.minusDays(1), "1");
        api.post(tech, "/api/timesheets/" + rejected + "/submit", null);
        api.post(manager, "/api/timesheets/" + rejected + "/reject", Map.of("reason", "wrong job"));
        String submitted = api.logTimesheet(tech, electrical, today, "3");
        api.post(tech, "/api/timesheets/" + submitted + "/submit", null);
        api.logTimesheet(tech, electrical, today, "1"); // a draft

        InboundHttpTest.Facts facts = new InboundHttpTest.Facts(org);
        UUID done = UUID.randomUUID();
        UUID moved = UUID.randomUUID();
        UUID project = UUID.randomUUID();
        List<Object> inbound = List.of(facts.jobCreated(done, tech.id()), facts.jobStatusChanged(done, "completed"),
                facts.jobCreated(moved, tech.id()), facts.jobAssigned(moved, manager.id()),
                facts.jobStatusChanged(moved, "cancelled"), facts.projectCreated(project, "Extension"),
                facts.projectUpdated(project, "Extension, phase 2"), facts.timesheet("submitted", UUID.randomUUID(),
                        tech.id()));
        assertThat(api.post(service, InboundHttpTest.PATH, inbound).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        assertThat(api.put(admin, "/api/financials/targets/2026-02", Map.of("amount", 8000)).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        api.put(admin, "/api/financials/targets/2026-02", Map.of("amount", new BigDecimal("9000.50")));
        api.put(admin, "/api/financials/targets/2026-03", Map.of("amount", 0));
        UUID sync = UUID.randomUUID();
        XeroInvoices.example().forEach(invoice -> commands.sendAndWait(XeroInvoices.command(org, invoice, sync)));
        // renamed after the example invoices were recorded, before INV-0003 is recorded again below: INV-0001 and
        // INV-0002 show the contact's name, INV-0003 its own, observed later
        commands.sendAndWait(new RecordXeroContact(org, UUID.fromString("a3675fc4-f8dd-4f03-ba5b-f1870566bcd7"),
                "Barney Rubble & Sons", "ACTIVE", Instant.parse("2019-03-04T09:21:10.043Z"), sync));
        ObjectNode sent = XeroInvoices.example("INV-0003");
        ObjectNode paid = sent.deepCopy().put("Status", "PAID").put("AmountDue", 0).put("AmountPaid", 115)
                .put("UpdatedDateUTC", XeroInvoices.xeroDate(XeroInvoices.instant(sent.get("UpdatedDateUTC"))
                        .plusSeconds(60)));
        commands.sendAndWait(XeroInvoices.command(org, paid, UUID.randomUUID()));
        commands.sendAndWait(XeroInvoices.command(org, sent, UUID.randomUUID()));

        // Xero syncs as the saga drives them: one partial with a per-record error, one failed before it started
        XeroFake.get().connect(api, admin, "Acme Plumbing", 1800); // an admin asks for syncs only while connected
        UUID items = UUID.fromString(api.post(admin, "/api/financials/xero-sync", Map.of("type", "activity_types"))
                .getBody().get("syncId").asText());
        commands.sendAndWait(new StartXeroSync(items, 3));
        commands.sendAndWait(new RecordXeroSyncProgress(items, new XeroSyncCounts(2, 1, 0, 1), null,
                List.of(new XeroSyncError("ITEM-9", "no sales price"))));
        commands.sendAndWait(new CompleteXeroSync(items, new XeroSyncCounts(3, 1, 1, 1), List.of()));
        UUID invoices = UUID.fromString(api.post(admin, "/api/financials/xero-sync", Map.of("type", "invoices"))
                .getBody().get("syncId").asText());
        commands.sendAndWait(new FailXeroSync(invoices, "reconnect Xero", null, List.of()));

        // every event of the organisation makes a feed row, the last projection of the consumer's transaction, but
        // an invoice's or a contact's, which show in their read model, and a sync's steps before its end (its end comes after them
        // on the same partition)
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jdbc.sql("""
                        select payload_type from domain_event_entry e where fieldops_event_org(meta_data) = ?
                        and payload_type not in (?, ?, ?)
                        and case when payload_type = 'com.fieldops.events.invoice.InvoiceRecorded'
                            then not exists (select 1 from invoices i where i.id = cast(e.aggregate_identifier as uuid)
                                             and i.version >= e.sequence_number)
                            when payload_type = 'com.fieldops.events.xero.XeroContactRecorded'
                            then not exists (select 1 from xero_contacts c where c.org_id = ?
                                             and c.version >= e.sequence_number)
                            else not exists (select 1 from activity_log l
                                             where l.id = cast(e.event_identifier as uuid)) end""")
                .params(org.toString(), XeroSyncRequested.class.getName(), XeroSyncStarted.class.getName(),
                        XeroSyncProgressed.class.getName(), org)
                .query(String.class).list()).as("events not applied yet").isEmpty());
        return org;
    }


    /** An md5 of every row of each read-model table that belongs to the organisation, in a stable order. */
    private Map<String, String> checksums(UUID org) {
        Map<String, String> sums = new LinkedHashMap<>();
        rebuilds.replayable().stream().flatMap(projection -> projection.tables().stream()).forEach(table ->
                sums.put(table, jdbc.sql("select coalesce(md5(string_agg(t::text, '|' order by t::text)), 'none') from "
                        + table + " t where org_id = ?").param(org).query(String.class).single()));
        return sums;
    }

    private static List<String> names(Api api, Api.User admin) {
        return StreamSupport.stream(api.get(admin, "/api/activity-types").getBody().spliterator(), false)
                .map(type -> type.get("name").asText()).sorted().toList();
    }

    /** What LIKE would not copy and a swap must keep. */
    private List<String> securityOf(String table) {
        return jdbc.sql("""
                        select 'rls ' || relrowsecurity from pg_class where oid = cast(:t as regclass)
                        union all select 'policy ' || policyname || ' ' || cmd || ' ' || qual from pg_policies
                        where schemaname = 'public' and tablename = :t
                        union all select 'grant ' || grantee || ' ' || privilege_type
                        from information_schema.role_table_grants where table_schema = 'public' and table_name = :t
                        union all select 'index ' || indexdef from pg_indexes where schemaname = 'public' and tablename = :t
                        order by 1""")
                .param("t", table).query(String.class).list();
    }
}
