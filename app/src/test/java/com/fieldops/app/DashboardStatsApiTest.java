package com.fieldops.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fieldops.events.CloudEventCodec;
import com.fieldops.events.FieldOpsEvent;
import com.fieldops.events.Topics;
import com.fieldops.events.job.JobCreated;
import com.fieldops.events.job.JobStatusChanged;
import com.fieldops.platform.security.AppRole;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Dashboard stats per role in a Pacific/Auckland organisation: a job completed at 00:30 local time counts today,
 * one completed at 23:30 yesterday does not. A refresh recomputes the same numbers. Job facts are put on
 * fieldops.events as the command side publishes them.
 */
@FieldOpsTest
class DashboardStatsApiTest {

    private static final ZoneId AUCKLAND = ZoneId.of("Pacific/Auckland");

    @Autowired
    TestRestTemplate rest;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    private void publish(UUID org, UUID subject, long sequence, FieldOpsEvent event) throws Exception {
        byte[] json = CloudEventCodec.toBytes(CloudEventCodec.encode(event, new CloudEventCodec.Envelope(
                UUID.randomUUID(), "/fieldops/command-side", subject.toString(), Instant.now(), org, null, "jobs-service",
                sequence, null)));
        kafka.send(Topics.EVENTS, subject.toString(), json).get();
    }

    private void job(UUID org, Api.User assignee, String status, Instant changedAt) throws Exception {
        UUID job = UUID.randomUUID();
        publish(org, job, 0, new JobCreated(job, org, "Job " + status, "Acme", assignee.id(), assignee.name(),
                assignee.teamId(), Instant.now()));
        if (status != null) publish(org, job, 1, new JobStatusChanged(job, org, status, changedAt));
    }

    @Test
    void eachRoleSeesItsNumbersForTodayInTheOrganisationsTimezone() throws Exception {
        Api api = new Api(rest);
        UUID org = UUID.randomUUID();
        UUID teamA = UUID.randomUUID();
        UUID teamB = UUID.randomUUID();
        Api.User admin = Api.user(org, AppRole.ADMIN, "Ada");
        Api.User managerA = new Api.User(UUID.randomUUID(), org, AppRole.MANAGER, teamA, "Max");
        Api.User techA = new Api.User(UUID.randomUUID(), org, AppRole.TECHNICIAN, teamA, "Jane");
        Api.User techA2 = new Api.User(UUID.randomUUID(), org, AppRole.TECHNICIAN, teamA, "Joe");
        Api.User techB = new Api.User(UUID.randomUUID(), org, AppRole.TECHNICIAN, teamB, "Bea");
        assertThat(api.put(admin, "/api/organization/settings", Map.of("timezone", "Pacific/Auckland"))
                .getStatusCode()).isEqualTo(HttpStatus.OK);

        LocalDate today = LocalDate.now(AUCKLAND);
        Instant halfPastMidnight = today.atTime(0, 30).atZone(AUCKLAND).toInstant();
        Instant lastNight = today.minusDays(1).atTime(23, 30).atZone(AUCKLAND).toInstant();
        job(org, techA, null, null);
        job(org, techB, null, null);
        job(org, techA, "cancelled", Instant.now());
        job(org, techA, "completed", halfPastMidnight);
        job(org, techA, "completed", lastNight);

        String type = api.post(admin, "/api/activity-types", Map.of("name", "Electrical", "hourly_rate", 95.5))
                .getBody().get("id").asText();
        String pending = logAndSubmit(api, techA, type, today, "2");
        String approved = logAndSubmit(api, techA2, type, today, "1");
        api.post(managerA, "/api/timesheets/" + approved + "/approve", null);
        logAndSubmit(api, techB, type, today.minusDays(1), "3");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(api.get(admin, "/api/dashboard/stats").getBody().get("totalJobs").asLong()).isEqualTo(4));
        JsonNode organisation = api.get(admin, "/api/dashboard/stats").getBody();
        assertStats(organisation, 4, 1, 2, "286.50", "organization");
        assertThat(organisation.get("timezone").asText()).isEqualTo("Pacific/Auckland");
        assertThat(organisation.get("date").asText()).isEqualTo(today.toString());
        assertThat(organisation.get("asOf").asText()).endsWith("Z");
        assertStats(api.get(managerA, "/api/dashboard/stats").getBody(), 3, 1, 1, "286.50", "team");
        assertStats(api.get(techA, "/api/dashboard/stats").getBody(), 3, 1, 1, "191.00", "own");
        assertStats(api.get(techB, "/api/dashboard/stats").getBody(), 1, 0, 1, "0.00", "own");

        JsonNode refreshed = api.post(admin, "/api/dashboard/refresh", null).getBody();
        assertThat(refreshed.get("success").asBoolean()).isTrue();
        assertThat(refreshed.get("timestamp").asLong()).isPositive();
        assertStats(api.get(admin, "/api/dashboard/stats").getBody(), 4, 1, 2, "286.50", "organization");
        assertStats(api.get(techA, "/api/dashboard/stats").getBody(), 3, 1, 1, "191.00", "own");
        assertThat(api.post(managerA, "/api/dashboard/refresh", null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(pending).isNotEqualTo(approved);
    }

    private static String logAndSubmit(Api api, Api.User user, String type, LocalDate day, String hours) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job_id", UUID.randomUUID().toString());
        body.put("activity_type_id", type);
        body.put("work_date", day.toString());
        body.put("hours", new BigDecimal(hours));
        String id = api.post(user, "/api/timesheets", body).getBody().get("id").asText();
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
