package com.fieldops.app;

import static com.fieldops.app.ActivityTypeApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fieldops.platform.security.AppRole;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The activity feed: what each role sees, display names, filters, and paging that holds while entries arrive. */
@FieldOpsTest
class ActivityFeedApiTest {

    private static final String FEED = "/api/dashboard/activity-feed";

    @Autowired
    TestRestTemplate rest;

    Api api;
    Api.User admin;
    Api.User managerA;
    Api.User techA;
    Api.User techB;
    Api.User analyst;
    String typeId;

    @BeforeEach
    void organisation() {
        api = new Api(rest);
        UUID org = UUID.randomUUID();
        UUID teamA = UUID.randomUUID();
        admin = Api.user(org, AppRole.ADMIN, "Ada Admin");
        managerA = new Api.User(UUID.randomUUID(), org, AppRole.MANAGER, teamA, "Max Manager");
        techA = new Api.User(UUID.randomUUID(), org, AppRole.TECHNICIAN, teamA, "Jane Smith");
        techB = new Api.User(UUID.randomUUID(), org, AppRole.TECHNICIAN, UUID.randomUUID(), "Bea Other");
        analyst = Api.user(org, AppRole.ANALYST, "Ann Analyst");
        typeId = api.post(admin, "/api/activity-types", Map.of("name", "Electrical", "hourly_rate", 95.5)).getBody()
                .get("id").asText();
    }

    private String logTime(Api.User user, String hours) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job_id", UUID.randomUUID().toString());
        body.put("activity_type_id", typeId);
        body.put("work_date", LocalDate.now(ZoneId.of("UTC")).toString());
        body.put("hours", new BigDecimal(hours));
        ResponseEntity<JsonNode> created = api.post(user, "/api/timesheets", body);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return created.getBody().get("id").asText();
    }

    private List<String> actions(Api.User user, String query) {
        List<String> actions = new ArrayList<>();
        api.get(user, FEED + query).getBody().forEach(entry -> actions.add(entry.get("action").asText()));
        return actions;
    }

    @Test
    void eachRoleSeesItsShareNewestFirst() {
        String sheet = logTime(techA, "3.5");
        api.post(techA, "/api/timesheets/" + sheet + "/submit", null);
        api.post(managerA, "/api/timesheets/" + sheet + "/approve", null);
        logTime(techB, "1");

        assertThat(actions(admin, "")).containsExactly("timesheet_created", "timesheet_approved",
                "timesheet_submitted", "timesheet_created", "activity_type_created");
        assertThat(actions(analyst, "")).hasSize(5);
        assertThat(actions(techA, "")).containsExactly("timesheet_approved", "timesheet_submitted",
                "timesheet_created");
        assertThat(actions(managerA, "")).containsExactly("timesheet_approved", "timesheet_submitted",
                "timesheet_created");
        assertThat(actions(techB, "")).containsExactly("timesheet_created");
        assertThat(actions(Api.user(UUID.randomUUID(), AppRole.ADMIN, "Other"), "")).isEmpty();

        JsonNode approved = api.get(techA, FEED).getBody().get(0);
        assertThat(approved.get("user_id").asText()).isEqualTo(managerA.id().toString());
        assertThat(approved.get("user_name").asText()).isEqualTo("Max Manager");
        assertThat(approved.get("resource_type").asText()).isEqualTo("timesheet");
        assertThat(approved.get("resource_id").asText()).isEqualTo(sheet);
        assertThat(approved.get("resource_name").asText())
                .isEqualTo("Jane Smith's timesheet for " + LocalDate.now(ZoneId.of("UTC")) + " (3.5 h Electrical)");
        assertThat(approved.get("details").get("amount").decimalValue()).isEqualByComparingTo("334.25");

        assertThat(actions(admin, "?resource_type=activity_type")).containsExactly("activity_type_created");
        assertThat(actions(admin, "?resource_id=" + sheet)).hasSize(3);
        assertThat(actions(admin, "?user_id=" + managerA.id())).containsExactly("timesheet_approved");
    }

    @Test
    void cursorPagesHaveNoDuplicatesOrGapsWhileEntriesArrive() {
        for (int i = 0; i < 24; i++) {
            api.post(admin, "/api/activity-types", Map.of("name", "Type " + i, "hourly_rate", i));
        }
        List<String> before = new ArrayList<>();
        api.get(admin, FEED + "?limit=100").getBody().forEach(entry -> before.add(entry.get("id").asText()));
        assertThat(before).hasSize(25);

        Set<String> seen = new LinkedHashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            ResponseEntity<JsonNode> page = api.get(admin, FEED + "?limit=10" + (cursor == null ? "" : "&cursor=" + cursor));
            page.getBody().forEach(entry -> assertThat(seen.add(entry.get("id").asText())).isTrue());
            cursor = page.getHeaders().getFirst("X-Next-Cursor");
            // new entries arrive between pages: they are newer than the cursor, so they never shift the pages
            api.post(admin, "/api/activity-types", Map.of("name", "Late " + pages, "hourly_rate", 1));
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(new ArrayList<>(seen)).containsExactlyElementsOf(before);
    }

    @Test
    void limitsAreCappedAndBadParametersRefused() {
        assertThat(api.get(admin, FEED + "?limit=500").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(api.get(admin, FEED + "?limit=1").getBody()).hasSize(1);
        assertThat(api.get(admin, FEED + "?offset=1").getBody()).isEmpty();
        assertProblem(api.get(admin, FEED + "?limit=0"), HttpStatus.BAD_REQUEST);
        assertProblem(api.get(admin, FEED + "?offset=-1"), HttpStatus.BAD_REQUEST);
        assertProblem(api.get(admin, FEED + "?cursor=nonsense"), HttpStatus.BAD_REQUEST);
        assertProblem(api.get(admin, FEED + "?user_id=me"), HttpStatus.BAD_REQUEST);
        assertProblem(api.get(null, FEED), HttpStatus.UNAUTHORIZED);
    }
}
