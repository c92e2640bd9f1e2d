package com.fieldops.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fieldops.events.activitytype.ActivityTypesImported;
import com.fieldops.events.store.AxonEventFormat;
import com.fieldops.platform.security.AppRole;
import com.fieldops.query.history.EventStorePages;
import com.fieldops.query.history.ExportSlots;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * GET /api/events: an organisation's events from the event store as NDJSON CloudEvents in global order, with
 * filters and resumption by position. The bulk of the history is written straight into domain_event_entry, as an
 * earlier version or a migration would have left it, so an export spans several pages of the reader.
 */
@FieldOpsTest
class EventExportApiTest {

    private static final String EVENTS = "/api/events";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper AXON = AxonEventFormat.newMapper();
    private static final Instant START = Instant.parse("2025-03-01T00:00:00Z");

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventStorePages pages;
    @Autowired
    ExportSlots slots;

    private Api api;
    private final UUID org = UUID.randomUUID();
    private final UUID otherOrg = UUID.randomUUID();
    private final Api.User analyst = Api.user(org, AppRole.ANALYST, "Ann Analyst");
    private final Api.User admin = Api.user(org, AppRole.ADMIN, "Ada Admin");

    @BeforeEach
    void setUp() {
        api = new Api(rest);
        // a rolled-back write of an earlier test leaves a gap the export treats as possibly in flight for a minute;
        // start from a settled store so this test's own events are all below the horizon
        await().atMost(Duration.ofSeconds(90)).until(() -> pages.horizon() == Long.MAX_VALUE);
    }

    /** {@code count} import events of {@code orgId}, one a minute from {@link #START}, in one batch. */
    private void storeImports(UUID orgId, int count) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            try {
                rows.add(new Object[] {id.toString(),
                        AXON.writeValueAsBytes(Map.of(AxonEventFormat.ORG_ID, orgId.toString())),
                        AXON.writeValueAsBytes(new ActivityTypesImported(id, orgId, "create", 1, 1, 0, 0)),
                        START.plus(i, ChronoUnit.MINUTES).toString()});
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        jdbc.batchUpdate("""
                insert into domain_event_entry (global_index, event_identifier, meta_data, payload, payload_type,
                                                time_stamp, aggregate_identifier, sequence_number, type)
                values (nextval('domain_event_entry_seq'), ?, ?, ?,
                        'com.fieldops.events.activitytype.ActivityTypesImported', ?, ?, 0, null)""",
                rows.stream().map(row -> new Object[] {row[0], row[1], row[2], row[3], row[0]}).toList());
    }

    private ResponseEntity<String> export(Api.User user, String query) {
        HttpHeaders headers = new HttpHeaders();
        if (user != null) headers.setBearerAuth(user.token());
        return rest.exchange(EVENTS + query, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    private List<JsonNode> lines(Api.User user, String query) {
        ResponseEntity<String> response = export(user, query);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/x-ndjson");
        List<JsonNode> events = new ArrayList<>();
        String body = response.getBody() == null ? "" : response.getBody();
        assertThat(body.isEmpty() || body.endsWith("\n")).as("every line ends with a newline").isTrue();
        for (String line : body.split("\n")) {
            if (line.isEmpty()) continue;
            try {
                events.add(JSON.readTree(line));
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + line, e);
            }
        }
        return events;
    }

    private static List<Long> positions(List<JsonNode> events) {
        return events.stream().map(event -> event.get("position").asLong()).toList();
    }

    @Test
    void exportsEveryEventOfTheOrganisationInGlobalOrderAcrossPagesAndResumesAfterAPosition() {
        storeImports(org, 1_500);
        storeImports(otherOrg, 300);
        storeImports(org, 1_000);
        String typeId = api.post(admin, "/api/activity-types", Map.of("name", "Electrical", "hourly_rate", 95.5))
                .getBody().get("id").asText();
        api.put(admin, "/api/activity-types/" + typeId, Map.of("hourly_rate", 99));
        Api.User otherAdmin = Api.user(otherOrg, AppRole.ADMIN, "Oscar");
        api.post(otherAdmin, "/api/activity-types", Map.of("name", "Plumbing", "hourly_rate", 80));

        List<JsonNode> events = lines(analyst, "");
        assertThat(events).hasSize(2_502);
        assertThat(positions(events)).isSorted().doesNotHaveDuplicates();
        assertThat(events).allSatisfy(event -> {
            assertThat(event.get("orgid").asText()).isEqualTo(org.toString());
            assertThat(event.get("specversion").asText()).isEqualTo("1.0");
            assertThat(event.get("data").get("org_id").asText()).isEqualTo(org.toString());
        });
        Set<String> ids = new HashSet<>();
        events.forEach(event -> ids.add(event.get("id").asText()));
        assertThat(ids).hasSize(2_502);
        JsonNode created = events.get(2_500);
        assertThat(created.get("type").asText()).isEqualTo("fieldops.activity-type.created.v1");
        assertThat(created.get("subject").asText()).isEqualTo(typeId);
        assertThat(created.get("sequence").asLong()).isZero();
        assertThat(created.get("actorid").asText()).isEqualTo(admin.id().toString());
        assertThat(events.get(2_501).get("type").asText()).isEqualTo("fieldops.activity-type.updated.v1");

        long resumeAt = events.get(1_199).get("position").asLong();
        List<JsonNode> rest = lines(analyst, "?after=" + resumeAt);
        assertThat(positions(rest)).containsExactlyElementsOf(positions(events.subList(1_200, 2_502)));
        assertThat(lines(admin, "?after=" + events.get(2_501).get("position").asLong())).isEmpty();

        // the other organisation sees only its own
        List<JsonNode> others = lines(Api.user(otherOrg, AppRole.ANALYST, "Olga"), "");
        assertThat(others).hasSize(301).allSatisfy(event ->
                assertThat(event.get("orgid").asText()).isEqualTo(otherOrg.toString()));
        assertThat(lines(Api.user(UUID.randomUUID(), AppRole.ADMIN, "Nobody"), "")).isEmpty();
    }

    @Test
    void filtersByTimeTypeAndSubject() {
        storeImports(org, 30);
        String typeId = api.post(admin, "/api/activity-types", Map.of("name", "Electrical", "hourly_rate", 95.5))
                .getBody().get("id").asText();
        api.delete(admin, "/api/activity-types/" + typeId);
        api.post(admin, "/api/activity-types", Map.of("name", "Plumbing", "hourly_rate", 80));

        // [from, to): minutes 10 to 19 of the stored imports
        List<JsonNode> window = lines(analyst, "?from=2025-03-01T00:10:00Z&to=2025-03-01T00:20:00Z");
        assertThat(window).hasSize(10);
        assertThat(window.get(0).get("time").asText()).isEqualTo("2025-03-01T00:10:00Z");
        assertThat(window.get(9).get("time").asText()).isEqualTo("2025-03-01T00:19:00Z");
        assertThat(lines(analyst, "?from=2025-02-28T23:10:00-01:00&to=2025-03-01T00:20:00Z")).hasSize(10);
        assertThat(lines(analyst, "?from=2025-03-01T00:29:00Z")).hasSize(4);
        assertThat(lines(analyst, "?to=2025-03-01T00:01:00Z")).hasSize(1);

        assertThat(lines(analyst, "?type=fieldops.activity-type.imported")).hasSize(30);
        assertThat(lines(analyst, "?type=fieldops.activity-type.created.v1")).extracting(e -> e.get("subject").asText())
                .hasSize(2).contains(typeId);
        assertThat(lines(analyst, "?type=fieldops.activity-type.")).hasSize(33);
        assertThat(lines(analyst, "?type=fieldops.timesheet.")).isEmpty();

        assertThat(lines(analyst, "?subject=" + typeId)).extracting(e -> e.get("type").asText())
                .containsExactly("fieldops.activity-type.created.v1", "fieldops.activity-type.disabled.v1");
        assertThat(lines(analyst, "?subject=" + typeId + "&type=fieldops.activity-type.disabled")).hasSize(1);
        assertThat(lines(analyst, "?subject=" + typeId + "&from=2026-01-01T00:00:00Z")).hasSize(2);
    }

    @Test
    void onlyAdminsAndAnalystsExport() {
        assertThat(export(admin, "").getStatusCode()).isEqualTo(HttpStatus.OK);
        for (AppRole role : List.of(AppRole.TECHNICIAN, AppRole.MANAGER, AppRole.SERVICE)) {
            ResponseEntity<JsonNode> response = api.get(Api.user(org, role, "Someone"), EVENTS);
            assertProblem(response, HttpStatus.FORBIDDEN);
        }
        assertProblem(api.get(null, EVENTS), HttpStatus.UNAUTHORIZED);
    }

    @Test
    void exportsBeyondTheInstancesSlotsAreToldToComeBack() {
        slots.acquire();
        slots.acquire();
        try {
            ResponseEntity<JsonNode> busy = api.get(analyst, EVENTS);
            assertProblem(busy, HttpStatus.TOO_MANY_REQUESTS);
            assertThat(busy.getHeaders().getFirst("Retry-After")).isEqualTo("10");
        } finally {
            slots.release();
            slots.release();
        }
        assertThat(export(analyst, "").getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void badParametersAreProblemsNamingTheField() {
        assertInvalid("?after=abc", "after");
        assertInvalid("?after=-1", "after");
        assertInvalid("?after=1.5", "after");
        assertInvalid("?from=yesterday", "from");
        assertInvalid("?to=2026-01-23", "to");
        assertInvalid("?from=2026-01-24T00:00:00Z&to=2026-01-23T00:00:00Z", "from");
        assertInvalid("?type=fieldops.nope", "type");
        assertInvalid("?type=", "type");
        assertInvalid("?subject=", "subject");
        assertInvalid("?typ=fieldops.job.", "typ");
        assertInvalid("?after=1&after=2", "after");
    }

    private void assertInvalid(String query, String field) {
        ResponseEntity<JsonNode> response = api.get(analyst, EVENTS + query);
        assertProblem(response, HttpStatus.BAD_REQUEST);
        List<String> fields = new ArrayList<>();
        response.getBody().path("errors").forEach(error -> fields.add(error.get("field").asText()));
        assertThat(fields).as(query).containsExactly(field);
    }

    private static void assertProblem(ResponseEntity<JsonNode> response, HttpStatus status) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(response.getBody().get("status").asInt()).isEqualTo(status.value());
        assertThat(response.getBody().get("detail").asText()).isNotBlank();
    }
}
