package com.fieldops.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fieldops.app.InboundHttpTest.Facts;
import com.fieldops.events.Topics;
import com.fieldops.platform.security.AppRole;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Dashboard stats per role in a Pacific/Auckland organisation, around its midnight: a job completed at 00:05 or
 * 00:30 local time counts today, one completed at 23:30 yesterday does not. The data comes the way it comes in
 * production: timesheets through the API, jobs and legacy timesheet facts as inbound CloudEvents on
 * fieldops.inbound, so everything is in the event store. A refresh rebuilds the same numbers (and the same
 * timesheets and jobs rows) from the event store, and repairs counters corrupted behind the projections' back.
 */
@FieldOpsTest
class DashboardStatsApiTest {

    private static final ZoneId AUCKLAND = ZoneId.of("Pacific/Auckland");
    private static final JsonNodeFactory JSON = JsonNodeFactory.withExactBigDecimals(true);

    @Autowired
    TestRestTemplate rest;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    JdbcClient jdbc;

    /** An organisation of two teams, each with a manager and technicians, plus an admin and an analyst. */
    private static final class Org {
        final UUID id = UUID.randomUUID();
        final UUID teamA = UUID.randomUUID();
        final UUID teamB = UUID.randomUUID();
        final Api.User admin = Api.user(id, AppRole.ADMIN, "Ada");
        final Api.User analyst = Api.user(id, AppRole.ANALYST, "Ann");
        final Api.User managerA = new Api.User(UUID.randomUUID(), id, AppRole.MANAGER, teamA, "Max");
        final Api.User managerB = new Api.User(UUID.randomUUID(), id, AppRole.MANAGER, teamB, "Mia");
        final Api.User managerWithoutTeam = new Api.User(UUID.randomUUID(), id, AppRole.MANAGER, null, "Moe");
        final Api.User techA = new Api.User(UUID.randomUUID(), id, AppRole.TECHNICIAN, teamA, "Jane");
        final Api.User techA2 = new Api.User(UUID.randomUUID(), id, AppRole.TECHNICIAN, teamA, "Joe");
        final Api.User techB = new Api.User(UUID.randomUUID(), id, AppRole.TECHNICIAN, teamB, "Bea");
        final Facts facts = new Facts(id);

        List<Api.User> everyone() {
            return List.of(admin, analyst, managerA, managerB, managerWithoutTeam, techA, techA2, techB);
        }
    }

    @Test
    void eachRoleSeesItsNumbersForTodayAndARefreshFromTheEventStoreKeepsAndRepairsThem() throws Exception {
        Api api = new Api(rest);
        Org org = new Org();
        assertThat(api.put(org.admin, "/api/organization/settings", Map.of("timezone", "Pacific/Auckland"))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        LocalDate today = LocalDate.now(AUCKLAND);
        Instant fivePastMidnight = today.atTime(0, 5).atZone(AUCKLAND).toInstant();
        Instant halfPastMidnight = today.atTime(0, 30).atZone(AUCKLAND).toInstant();
        Instant lastNight = today.minusDays(1).atTime(23, 30).atZone(AUCKLAND).toInstant();

        // jobs, from the jobs service
        job(org, org.techA, null, null, null);
        job(org, org.techB, null, null, null);
        job(org, org.techA, null, "cancelled", Instant.now());
        job(org, org.techA2, null, "completed", halfPastMidnight);
        job(org, org.techA, null, "completed", lastNight);
        job(org, org.techB, org.techA, "completed", fivePastMidnight); // reassigned to team A, then completed

        // timesheets through the API (rate 95.50)
        String type = api.post(org.admin, "/api/activity-types", Map.of("name", "Electrical", "hourly_rate", 95.5))
                .getBody().get("id").asText();
        logAndSubmit(api, org.techA, type, today, "2");
        String approved = logAndSubmit(api, org.techA2, type, today, "1");
        assertThat(api.post(org.managerA, "/api/timesheets/" + approved + "/approve", null).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        logAndSubmit(api, org.techB, type, today.minusDays(1), "3");
        String rejected = logAndSubmit(api, org.techA, type, today, "1.5");
        assertThat(api.post(org.managerA, "/api/timesheets/" + rejected + "/reject", Map.of("reason", "wrong job"))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        api.logTimesheet(org.techA2, type, today, "4"); // a draft counts for nothing

        // timesheets of the legacy service (3.50 h at 95.50 = 334.25)
        legacy(org, org.techB, today, "submitted");
        legacy(org, org.techA, today, "submitted", "approved");
        legacy(org, org.techB, today, "submitted", "rejected");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertStats(api.get(org.admin, "/api/dashboard/stats").getBody(), 5, 2, 3, "955.00", "organization"));
        JsonNode organisation = api.get(org.admin, "/api/dashboard/stats").getBody();
        assertThat(organisation.get("timezone").asText()).isEqualTo("Pacific/Auckland");
        assertThat(organisation.get("date").asText()).isEqualTo(today.toString());
        assertThat(organisation.get("asOf").asText()).endsWith("Z");
        assertStats(api.get(org.analyst, "/api/dashboard/stats").getBody(), 5, 2, 3, "955.00", "organization");
        assertStats(api.get(org.managerA, "/api/dashboard/stats").getBody(), 4, 2, 1, "620.75", "team");
        assertStats(api.get(org.managerB, "/api/dashboard/stats").getBody(), 1, 0, 2, "334.25", "team");
        assertStats(api.get(org.managerWithoutTeam, "/api/dashboard/stats").getBody(), 0, 0, 0, "0.00", "own");
        assertStats(api.get(org.techA, "/api/dashboard/stats").getBody(), 3, 1, 1, "525.25", "own");
        assertStats(api.get(org.techA2, "/api/dashboard/stats").getBody(), 1, 1, 0, "95.50", "own");
        assertStats(api.get(org.techB, "/api/dashboard/stats").getBody(), 1, 0, 2, "334.25", "own");

        Map<Api.User, JsonNode> before = statsOfEveryone(api, org);
        List<String> rowsBefore = readModelRows(org.id);
        refresh(api, org);
        assertThat(statsOfEveryone(api, org)).isEqualTo(before);
        assertThat(readModelRows(org.id)).as("the rebuilt timesheets, jobs and counters").isEqualTo(rowsBefore);

        // counters and rows broken behind the projections' back are rebuilt from the events
        jdbc.sql("update dashboard_totals set total_jobs = total_jobs + 7, pending_approvals = 0 where org_id = ?")
                .param(org.id).update();
        jdbc.sql("delete from dashboard_revenue where org_id = ? and scope = 'user'").param(org.id).update();
        jdbc.sql("update dashboard_completions set completed = completed * 3 where org_id = ?").param(org.id).update();
        jdbc.sql("update timesheets set status = 'draft' where org_id = ? and status = 'submitted'")
                .param(org.id).update();
        jdbc.sql("delete from jobs where org_id = ? and status = 'cancelled'").param(org.id).update();
        assertThat(statsOfEveryone(api, org)).isNotEqualTo(before);
        refresh(api, org);
        assertThat(statsOfEveryone(api, org)).isEqualTo(before);
        assertThat(readModelRows(org.id)).isEqualTo(rowsBefore);

        assertThat(api.post(org.managerA, "/api/dashboard/refresh", null).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void eventsArrivingWhileARefreshRunsAreCountedOnce() throws Exception {
        Api api = new Api(rest);
        Org org = new Org();
        for (int i = 0; i < 20; i++) job(org, i % 2 == 0 ? org.techA : org.techB, null, null, null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.get(org.admin, "/api/dashboard/stats").getBody().get("totalJobs").asLong())
                        .isEqualTo(20));

        // more facts while refreshes run: each event is in a rebuild, or applied after it, never both or neither
        CompletableFuture<Void> refreshes = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 5; i++) refresh(api, org);
        });
        for (int i = 0; i < 30; i++) job(org, org.techA, null, i % 3 == 0 ? "cancelled" : "completed", Instant.now());
        refreshes.get();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertStats(api.get(org.admin, "/api/dashboard/stats").getBody(), 40, 20, 0, "0.00", "organization"));
        Map<Api.User, JsonNode> settled = statsOfEveryone(api, org);
        refresh(api, org);
        assertThat(statsOfEveryone(api, org)).isEqualTo(settled);
    }

    private void refresh(Api api, Org org) {
        JsonNode refreshed = api.post(org.admin, "/api/dashboard/refresh", null).getBody();
        assertThat(refreshed.get("success").asBoolean()).isTrue();
        assertThat(refreshed.get("timestamp").asLong()).isPositive();
    }

    /** Every role's stats, without asOf (the time of the read). */
    private static Map<Api.User, JsonNode> statsOfEveryone(Api api, Org org) {
        Map<Api.User, JsonNode> stats = new LinkedHashMap<>();
        for (Api.User user : org.everyone()) {
            ObjectNode body = (ObjectNode) api.get(user, "/api/dashboard/stats").getBody();
            body.remove("asOf");
            stats.put(user, body);
        }
        return stats;
    }

    /** The organisation's dashboard models as text, in a stable order. */
    private List<String> readModelRows(UUID org) {
        return jdbc.sql("""
                        select 'timesheet ' || row_to_json(t)::text from timesheets t where org_id = :org
                        union all select 'job ' || row_to_json(j)::text from jobs j where org_id = :org
                        union all select 'totals ' || row_to_json(c)::text from dashboard_totals c
                        where org_id = :org and (total_jobs, pending_approvals) <> (0, 0)
                        union all select 'revenue ' || row_to_json(r)::text from dashboard_revenue r
                        where org_id = :org and revenue <> 0
                        union all select 'completions ' || row_to_json(d)::text from dashboard_completions d
                        where org_id = :org and completed <> 0
                        order by 1""")
                .param("org", org).query(String.class).list();
    }

    /** A job of the jobs service: created for one assignee, maybe reassigned, maybe moved to a status. */
    private void job(Org org, Api.User assignee, Api.User reassignee, String status, Instant changedAt)
            throws Exception {
        UUID job = UUID.randomUUID();
        inbound(job, org.facts.cloudEvent("fieldops.job.created.v1", JSON.objectNode()
                .put("job_id", job.toString())
                .put("title", "Job " + status)
                .put("client_name", "Acme Ltd")
                .put("assignee_id", assignee.id().toString())
                .put("assignee_name", assignee.name())
                .put("assignee_team_id", assignee.teamId().toString())
                .put("scheduled_for", Instant.now().toString())));
        if (reassignee != null) {
            inbound(job, org.facts.cloudEvent("fieldops.job.assigned.v1", JSON.objectNode()
                    .put("job_id", job.toString())
                    .put("assignee_id", reassignee.id().toString())
                    .put("assignee_name", reassignee.name())
                    .put("assignee_team_id", reassignee.teamId().toString())));
        }
        if (status != null) {
            inbound(job, org.facts.cloudEvent("fieldops.job.status-changed.v1", JSON.objectNode()
                    .put("job_id", job.toString())
                    .put("status", status)
                    .put("changed_at", changedAt.toString())));
        }
    }

    /** An entry of the legacy timesheet service, 3.50 h at 95.50, through the given statuses. */
    private void legacy(Org org, Api.User owner, LocalDate day, String... statuses) throws Exception {
        UUID id = UUID.randomUUID();
        Facts.LegacyEntry entry = new Facts.LegacyEntry(owner.id(), owner.name(), owner.teamId(), day,
                UUID.randomUUID(), UUID.randomUUID(), org.managerA.id());
        for (String status : statuses) inbound(id, org.facts.timesheet(status, id, entry));
    }

    private void inbound(UUID aggregate, ObjectNode event) throws Exception {
        kafka.send(Topics.INBOUND, aggregate.toString(), event.toString().getBytes(StandardCharsets.UTF_8)).get();
    }


    private static String logAndSubmit(Api api, Api.User user, String type, LocalDate day, String hours) {
        String id = api.logTimesheet(user, type, day, hours);
        assertThat(api.post(user, "/api/timesheets/" + id + "/submit", null).getStatusCode()).isEqualTo(HttpStatus.OK);
        return id;
    }

    private static void assertStats(JsonNode stats, long jobs, long completed, long pending, String revenue,
                                    String scope) {
        assertThat(stats.get("totalJobs").asLong()).as(stats.toString()).isEqualTo(jobs);
        assertThat(stats.get("completedToday").asLong()).as(stats.toString()).isEqualTo(completed);
        assertThat(stats.get("pendingApprovals").asLong()).as(stats.toString()).isEqualTo(pending);
        assertThat(stats.get("revenueToday").decimalValue()).as(stats.toString()).isEqualByComparingTo(revenue);
        assertThat(stats.get("scope").asText()).isEqualTo(scope);
    }
}
