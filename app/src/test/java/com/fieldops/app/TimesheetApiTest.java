package com.fieldops.app;

import static com.fieldops.app.ActivityTypeApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fieldops.platform.security.AppRole;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Timesheets over HTTP: the state machine, the rate snapshot, and who sees and does what. */
@FieldOpsTest
class TimesheetApiTest {

    @Autowired
    TestRestTemplate rest;

    Api api;
    UUID org;
    UUID teamA;
    Api.User admin;
    Api.User managerA;
    Api.User managerB;
    Api.User techA;
    Api.User techA2;
    Api.User techB;
    Api.User analyst;
    String typeId;
    String today;

    @BeforeEach
    void organisation() {
        api = new Api(rest);
        org = UUID.randomUUID();
        teamA = UUID.randomUUID();
        UUID teamB = UUID.randomUUID();
        admin = Api.user(org, AppRole.ADMIN, "Ada Admin");
        managerA = new Api.User(UUID.randomUUID(), org, AppRole.MANAGER, teamA, "Max Manager");
        managerB = new Api.User(UUID.randomUUID(), org, AppRole.MANAGER, teamB, "Mo Manager");
        techA = new Api.User(UUID.randomUUID(), org, AppRole.TECHNICIAN, teamA, "Jane Smith");
        techA2 = new Api.User(UUID.randomUUID(), org, AppRole.TECHNICIAN, teamA, "Joe Bloggs");
        techB = new Api.User(UUID.randomUUID(), org, AppRole.TECHNICIAN, teamB, "Bea Other");
        analyst = Api.user(org, AppRole.ANALYST, "Ann Analyst");
        typeId = api.post(admin, "/api/activity-types", Map.of("name", "Electrical", "hourly_rate", 95.5)).getBody()
                .get("id").asText();
        today = LocalDate.now(ZoneId.of("UTC")).toString();
    }

    private Map<String, Object> entry(String hours) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job_id", UUID.randomUUID().toString());
        body.put("activity_type_id", typeId);
        body.put("work_date", today);
        body.put("hours", new java.math.BigDecimal(hours));
        body.put("notes", "wiring");
        return body;
    }

    private JsonNode log(Api.User user, String hours) {
        ResponseEntity<JsonNode> response = api.post(user, "/api/timesheets", entry(hours));
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.CREATED);
        return response.getBody();
    }

    private static String path(JsonNode entry) {
        return "/api/timesheets/" + entry.get("id").asText();
    }

    @Test
    void draftSubmitApproveWithTheRateOfTheSubmit() {
        JsonNode draft = log(techA, "3.5");
        assertThat(draft.get("status").asText()).isEqualTo("draft");
        assertThat(draft.get("hourly_rate").isNull()).isTrue();
        assertThat(draft.get("user_name").asText()).isEqualTo("Jane Smith");
        assertThat(draft.get("team_id").asText()).isEqualTo(teamA.toString());
        assertThat(api.get(techA, path(draft)).getBody()).isEqualTo(draft);

        JsonNode submitted = api.post(techA, path(draft) + "/submit", null).getBody();
        assertThat(submitted.get("status").asText()).isEqualTo("submitted");
        assertThat(submitted.get("hourly_rate").decimalValue()).isEqualByComparingTo("95.50");
        assertThat(submitted.get("amount").decimalValue()).isEqualByComparingTo("334.25");
        assertThat(submitted.get("activity_type_name").asText()).isEqualTo("Electrical");

        // a later rate change never rewrites the entry
        api.put(admin, "/api/activity-types/" + typeId, Map.of("hourly_rate", 120));
        assertThat(api.get(managerA, path(draft)).getBody().get("amount").decimalValue()).isEqualByComparingTo("334.25");

        assertProblem(api.post(techA, path(draft) + "/approve", null), HttpStatus.FORBIDDEN);
        assertProblem(api.post(managerB, path(draft) + "/approve", null), HttpStatus.FORBIDDEN);
        JsonNode approved = api.post(managerA, path(draft) + "/approve", null).getBody();
        assertThat(approved.get("status").asText()).isEqualTo("approved");
        assertThat(approved.get("approved_by").asText()).isEqualTo(managerA.id().toString());
        assertThat(api.get(techA, path(draft)).getBody()).isEqualTo(approved);
        // approved is final
        assertProblem(api.put(techA, path(draft), Map.of("hours", 1)), HttpStatus.CONFLICT);
        assertProblem(api.post(managerA, path(draft) + "/reject", Map.of("reason", "late")), HttpStatus.CONFLICT);
    }

    @Test
    void aRejectedEntryIsEditedAndResubmittedAtTheNewRate() {
        JsonNode draft = log(techA, "2");
        api.post(techA, path(draft) + "/submit", null);
        assertProblem(api.post(managerA, path(draft) + "/reject", Map.of("reason", " ")), HttpStatus.BAD_REQUEST);
        JsonNode rejected = api.post(admin, path(draft) + "/reject", Map.of("reason", "wrong job")).getBody();
        assertThat(rejected.get("rejected_reason").asText()).isEqualTo("wrong job");
        api.put(admin, "/api/activity-types/" + typeId, Map.of("hourly_rate", 100));
        JsonNode edited = api.put(techA, path(draft), Map.of("hours", 2.5)).getBody();
        assertThat(edited.get("hours").decimalValue()).isEqualByComparingTo("2.5");
        JsonNode again = api.post(techA, path(draft) + "/submit", null).getBody();
        assertThat(again.get("amount").decimalValue()).isEqualByComparingTo("250.00");
        assertThat(again.get("rejected_reason").isNull()).isTrue();

        // the edit is in the feed of the owner's team manager: named after the entry, scoped to its owner's team
        String feed = "/api/dashboard/activity-feed?resource_id=" + draft.get("id").asText();
        JsonNode update = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode row : api.get(managerA, feed).getBody()) {
                if (row.get("action").asText().equals("timesheet_updated")) return row;
            }
            return null;
        }, Objects::nonNull);
        assertThat(update.get("resource_name").asText()).startsWith("Jane Smith's timesheet for " + today + " (")
                .endsWith(" h Electrical)");
        assertThat(api.get(managerB, feed).getBody()).isEmpty();
    }

    @Test
    void rulesOfHoursDatesAndDays() {
        assertProblem(api.post(techA, "/api/timesheets", entry("0")), HttpStatus.BAD_REQUEST);
        assertProblem(api.post(techA, "/api/timesheets", entry("24.5")), HttpStatus.BAD_REQUEST);
        assertProblem(api.post(techA, "/api/timesheets", entry("1.005")), HttpStatus.BAD_REQUEST);
        Map<String, Object> future = entry("1");
        future.put("work_date", LocalDate.now(ZoneId.of("UTC")).plusDays(3).toString());
        assertProblem(api.post(techA, "/api/timesheets", future), HttpStatus.BAD_REQUEST);
        log(techA, "20");
        assertProblem(api.post(techA, "/api/timesheets", entry("4.5")), HttpStatus.CONFLICT);
        log(techA, "4");
        assertThat(api.get(techA, "/api/timesheets").getBody()).hasSize(2);
    }

    @Test
    void eachRoleSeesItsShare() {
        JsonNode mine = log(techA, "1");
        JsonNode colleague = log(techA2, "1");
        JsonNode otherTeam = log(techB, "1");
        assertThat(ids(api.get(techA, "/api/timesheets").getBody())).containsExactly(mine.get("id").asText());
        assertThat(ids(api.get(managerA, "/api/timesheets").getBody()))
                .containsExactlyInAnyOrder(mine.get("id").asText(), colleague.get("id").asText());
        assertThat(ids(api.get(admin, "/api/timesheets").getBody())).hasSize(3);
        assertThat(ids(api.get(analyst, "/api/timesheets").getBody())).hasSize(3);
        assertProblem(api.get(techA, path(otherTeam)), HttpStatus.NOT_FOUND);
        assertProblem(api.get(managerA, path(otherTeam)), HttpStatus.NOT_FOUND);
        assertProblem(api.get(Api.user(UUID.randomUUID(), AppRole.ADMIN, "X"), path(mine)), HttpStatus.NOT_FOUND);
        assertThat(ids(api.get(admin, "/api/timesheets?user_id=" + techB.id()).getBody()))
                .containsExactly(otherTeam.get("id").asText());
        assertThat(api.get(admin, "/api/timesheets?status=approved").getBody()).isEmpty();
        assertProblem(api.get(admin, "/api/timesheets?status=lost"), HttpStatus.BAD_REQUEST);
        assertProblem(api.get(admin, "/api/timesheets?from=yesterday"), HttpStatus.BAD_REQUEST);
        assertProblem(api.post(analyst, "/api/timesheets", entry("1")), HttpStatus.FORBIDDEN);
    }

    @Test
    void aManagerLogsForTheirTeamAndOnlyTheOwnerSubmits() {
        Map<String, Object> body = entry("2");
        body.put("user_id", techA.id().toString());
        body.put("user_name", "Jane Smith");
        JsonNode logged = api.post(managerA, "/api/timesheets", body).getBody();
        assertThat(logged.get("user_id").asText()).isEqualTo(techA.id().toString());
        assertThat(logged.get("team_id").asText()).isEqualTo(teamA.toString());
        assertProblem(api.post(managerA, path(logged) + "/submit", null), HttpStatus.FORBIDDEN);
        Map<String, Object> forOther = entry("1");
        forOther.put("user_id", techA2.id().toString());
        assertProblem(api.post(techA, "/api/timesheets", forOther), HttpStatus.FORBIDDEN);
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.forEach(entry -> ids.add(entry.get("id").asText()));
        return ids;
    }
}
