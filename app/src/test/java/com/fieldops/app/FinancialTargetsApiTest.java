package com.fieldops.app;

import static com.fieldops.app.ActivityTypeApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fieldops.platform.security.AppRole;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Monthly revenue targets: set by admins only, validated, read back at once by the summary. */
@FieldOpsTest
class FinancialTargetsApiTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;

    private final UUID org = UUID.randomUUID();
    private final Api.User admin = Api.user(org, AppRole.ADMIN, "Ada");

    @AfterEach
    void systemTime() {
        clock.reset();
    }

    @Test
    void anAdminSetsAMonthsTargetAndTheSummaryShowsItAtOnce() {
        Api api = new Api(rest);
        clock.set(Instant.parse("2026-02-10T12:00:00Z"));
        ResponseEntity<JsonNode> set = api.put(admin, "/api/financials/targets/2026-02", Map.of("amount", 10000));
        assertThat(set.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(set.getBody().get("month").asText()).isEqualTo("2026-02");
        assertThat(set.getBody().get("amount").decimalValue()).isEqualByComparingTo("10000.00");
        assertThat(set.getBody().get("updated_at").asText()).endsWith("Z");
        assertThat(api.getText(admin, "/api/financials/summary")).as("read your write, at two decimals")
                .contains("\"target\":10000.00");

        long events = storedEvents();
        JsonNode again = api.put(admin, "/api/financials/targets/2026-02", Map.of("amount", new BigDecimal("10000.0")))
                .getBody();
        assertThat(again).as("the same amount again").isEqualTo(set.getBody());
        assertThat(storedEvents()).as("records nothing").isEqualTo(events);

        JsonNode changed = api.put(admin, "/api/financials/targets/2026-02", Map.of("amount", 12500.5)).getBody();
        assertThat(changed.get("amount").decimalValue()).isEqualByComparingTo("12500.50");
        assertThat(api.get(admin, "/api/financials/summary").getBody().get("revenue").get("target").decimalValue())
                .isEqualByComparingTo("12500.50");
        JsonNode feed = api.get(admin, "/api/dashboard/activity-feed?resource_type=revenue_target").getBody();
        assertThat(feed).hasSize(2);
        assertThat(feed.get(0).get("action").asText()).isEqualTo("revenue_target_set");
        assertThat(feed.get(0).get("resource_name").asText()).isEqualTo("Revenue target for 2026-02");
        assertThat(feed.get(0).get("details").get("amount").get("old").decimalValue()).isEqualByComparingTo("10000");
        assertThat(feed.get(0).get("user_name").asText()).isEqualTo("Ada");
    }

    @Test
    void onlyAdminsSetTargets() {
        Api api = new Api(rest);
        for (AppRole role : List.of(AppRole.MANAGER, AppRole.ANALYST, AppRole.TECHNICIAN, AppRole.SERVICE)) {
            assertProblem(api.put(Api.user(org, role, "Someone"), "/api/financials/targets/2026-02",
                    Map.of("amount", 1)), HttpStatus.FORBIDDEN);
        }
        assertProblem(api.put(null, "/api/financials/targets/2026-02", Map.of("amount", 1)), HttpStatus.UNAUTHORIZED);
        assertThat(targets()).isZero();
    }

    @Test
    void badMonthsAndAmountsAreProblemsAndChangeNothing() {
        Api api = new Api(rest);
        assertThat(api.put(admin, "/api/financials/targets/2026-03", Map.of("amount", 500)).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        long events = storedEvents();
        for (String month : List.of("2026-13", "2026-00", "2026-3", "26-03", "2026-03-01", "March", "2026-W10")) {
            assertInvalid(api.put(admin, "/api/financials/targets/" + month, Map.of("amount", 1)), "month");
        }
        Map<String, Object> nullAmount = new HashMap<>();
        nullAmount.put("amount", null);
        for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of("amount", -1), Map.of("amount", -0.01),
                Map.of("amount", new BigDecimal("1.005")), Map.of("amount", new BigDecimal("100000000")), nullAmount,
                Map.of())) {
            assertInvalid(api.put(admin, "/api/financials/targets/2026-03", body), "amount");
        }
        assertProblem(api.put(admin, "/api/financials/targets/2026-03", Map.of("amount", 1, "currency", "NZD")),
                HttpStatus.BAD_REQUEST);
        assertProblem(api.put(admin, "/api/financials/targets/2026-03", Map.of("amount", "lots")),
                HttpStatus.BAD_REQUEST);
        assertProblem(api.call(admin, HttpMethod.PUT, "/api/financials/targets/2026-03", "{not json",
                MediaType.APPLICATION_JSON), HttpStatus.BAD_REQUEST);
        assertThat(storedEvents()).as("nothing recorded").isEqualTo(events);
        assertThat(jdbc.sql("select amount from revenue_targets where org_id = ?").param(org)
                .query(BigDecimal.class).single()).isEqualByComparingTo("500");
        assertThat(api.put(admin, "/api/financials/targets/2026-03", Map.of("amount", new BigDecimal("99999999.99")))
                .getBody().get("amount").decimalValue()).isEqualByComparingTo("99999999.99");
        assertThat(api.put(admin, "/api/financials/targets/2026-03", Map.of("amount", 0))
                .getBody().get("amount").decimalValue()).isEqualByComparingTo("0");
    }

    private static void assertInvalid(ResponseEntity<JsonNode> response, String field) {
        assertProblem(response, HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().get("errors").get(0).get("field").asText()).as(response.getBody().toString())
                .isEqualTo(field);
    }

    private long storedEvents() {
        return jdbc.sql("select count(*) from domain_event_entry where fieldops_event_org(meta_data) = ?")
                .param(org.toString()).query(Long.class).single();
    }

    private long targets() {
        return jdbc.sql("select count(*) from revenue_targets where org_id = ?").param(org).query(Long.class).single();
    }
}
