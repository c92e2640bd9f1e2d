package com.fieldops.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fieldops.platform.security.AppRole;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every activity-type endpoint and error case over HTTP, through the event store, Kafka and the read model. */
@FieldOpsTest
class ActivityTypeApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcClient jdbc;

    Api api;
    UUID org;
    Api.User admin;
    Api.User manager;
    Api.User technician;
    Api.User analyst;
    Api.User otherAdmin;

    @BeforeEach
    void users() {
        api = new Api(rest);
        org = UUID.randomUUID();
        admin = Api.user(org, AppRole.ADMIN, "Ada Admin");
        manager = Api.user(org, AppRole.MANAGER, "Max Manager");
        technician = Api.user(org, AppRole.TECHNICIAN, "Tess Technician");
        analyst = Api.user(org, AppRole.ANALYST, "Ann Analyst");
        otherAdmin = Api.user(UUID.randomUUID(), AppRole.ADMIN, "Oscar Other");
    }

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) body.put((String) pairs[i], pairs[i + 1]);
        return body;
    }

    private JsonNode create(String name, Object rate) {
        ResponseEntity<JsonNode> response = api.post(admin, "/api/activity-types", body("name", name, "hourly_rate", rate));
        assertThat(response.getStatusCode()).as(response.toString()).isEqualTo(HttpStatus.CREATED);
        return response.getBody();
    }

    private static org.springframework.http.HttpHeaders bearer(Api.User user) {
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setBearerAuth(user.token());
        return headers;
    }

    private long storedEvents() {
        return jdbc.sql("select count(*) from domain_event_entry").query(Long.class).single();
    }

    @Test
    void createThenReadYourWrite() {
        ResponseEntity<JsonNode> response = api.post(admin, "/api/activity-types", body("name", " Electrical ",
                "hourly_rate", 95.5, "description", "Wiring and fault finding", "xero_code", "ELEC"));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode created = response.getBody();
        assertThat(response.getHeaders().getLocation()).hasToString("/api/activity-types/" + created.get("id").asText());
        assertThat(created.get("name").asText()).isEqualTo("Electrical");
        assertThat(created.get("hourly_rate").decimalValue()).isEqualByComparingTo("95.50");
        String raw = rest.exchange("/api/activity-types/" + created.get("id").asText(), HttpMethod.GET,
                new org.springframework.http.HttpEntity<>(bearer(admin)), String.class).getBody();
        assertThat(raw).contains("\"hourly_rate\":95.50");
        assertThat(created.get("xero_managed").asBoolean()).isFalse();
        assertThat(created.get("enabled").asBoolean()).isTrue();
        assertThat(created.get("created_at").asText()).endsWith("Z");

        // read-your-writes: the GET right after the response already sees the type, identical
        JsonNode read = api.get(technician, "/api/activity-types/" + created.get("id").asText()).getBody();
        assertThat(read).isEqualTo(created);
        JsonNode list = api.get(analyst, "/api/activity-types").getBody();
        assertThat(list).hasSize(1);
        assertThat(list.get(0)).isEqualTo(created);
        assertThat(api.get(otherAdmin, "/api/activity-types").getBody()).isEmpty();
    }

    @Test
    void listIsSortedByNameAndScopedToTheOrganisation() {
        create("plumbing", 80);
        create("Electrical", 95);
        create("Air conditioning", 120);
        List<String> names = new ArrayList<>();
        api.get(manager, "/api/activity-types").getBody().forEach(type -> names.add(type.get("name").asText()));
        assertThat(names).containsExactly("Air conditioning", "Electrical", "plumbing");
    }

    @Test
    void theListIsServedGzippedToClientsThatAcceptIt() throws Exception {
        create("Electrical", 95);
        create("Plumbing", 80);
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(rest.getRootUri() + "/api/activity-types"))
                .header("Authorization", "Bearer " + manager.token());

        HttpResponse<byte[]> gzipped = client.send(request.copy().header("Accept-Encoding", "br, gzip;q=0.8").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> plain = client.send(request.copy().build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> refused = client.send(request.copy().header("Accept-Encoding", "gzip;q=0").build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzipped.headers().firstValue("Vary")).hasValue("Accept-Encoding");
        assertThat(new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes())
                .isEqualTo(plain.body());
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(refused.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(JSON.readTree(plain.body())).hasSize(2);
    }

    @Test
    void aClientHoldingTheCurrentListRevalidatesItWithItsETag() throws Exception {
        create("Electrical", 95);
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(rest.getRootUri() + "/api/activity-types"))
                .header("Authorization", "Bearer " + manager.token());

        HttpResponse<byte[]> first = client.send(request.copy().build(), HttpResponse.BodyHandlers.ofByteArray());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).startsWith("W/\"");
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-cache, private");
        HttpResponse<byte[]> gzipped = client.send(request.copy().header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gzipped.headers().firstValue("ETag")).hasValue(etag);

        HttpResponse<byte[]> revalidated = client.send(request.copy().header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();
        assertThat(revalidated.headers().firstValue("ETag")).hasValue(etag);

        create("Plumbing", 80);
        HttpResponse<byte[]> changed = client.send(request.copy().header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
        assertThat(JSON.readTree(changed.body())).hasSize(2);

        HttpResponse<byte[]> otherOrganisation = client.send(HttpRequest.newBuilder(first.uri())
                        .header("Authorization", "Bearer " + otherAdmin.token())
                        .header("If-None-Match", changed.headers().firstValue("ETag").orElseThrow()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(otherOrganisation.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(otherOrganisation.body())).isEmpty();
    }

    @Test
    void badInputIsA400ProblemAndChangesNothing() {
        long before = storedEvents();
        expectInvalid(body("hourly_rate", 10), "name");
        expectInvalid(body("name", "   ", "hourly_rate", 10), "name");
        expectInvalid(body("name", "x".repeat(256), "hourly_rate", 10), "name");
        expectInvalid(body("name", "x".repeat(51), "hourly_rate", 10, "xero_code", "X1"), "name");
        expectInvalid(body("name", "A"), "hourly_rate");
        expectInvalid(body("name", "A", "hourly_rate", -1), "hourly_rate");
        expectInvalid(body("name", "A", "hourly_rate", 12.345), "hourly_rate");
        expectInvalid(body("name", "A", "hourly_rate", 100000000), "hourly_rate");
        expectInvalid(body("name", "A", "hourly_rate", "ten"), "hourly_rate");
        expectInvalid(body("name", "A", "hourly_rate", 1, "description", "d".repeat(1001)), "description");
        expectInvalid(body("name", "A", "hourly_rate", 1, "xero_code", "C".repeat(31)), "xero_code");
        expectInvalid(body("name", "A", "hourly_rate", 1, "colour", "red"), "colour");
        ResponseEntity<JsonNode> malformed = api.exchange(admin.token(), HttpMethod.POST, "/api/activity-types",
                "{\"name\": ", MediaType.APPLICATION_JSON);
        assertProblem(malformed, HttpStatus.BAD_REQUEST);
        assertThat(storedEvents()).isEqualTo(before);
        assertThat(api.get(admin, "/api/activity-types?include_disabled=true").getBody()).isEmpty();
    }

    private void expectInvalid(Map<String, Object> body, String field) {
        ResponseEntity<JsonNode> response = api.post(admin, "/api/activity-types", body);
        assertProblem(response, HttpStatus.BAD_REQUEST);
        List<String> fields = new ArrayList<>();
        response.getBody().path("errors").forEach(error -> fields.add(error.get("field").asText()));
        assertThat(fields).as(response.getBody().toString()).contains(field);
    }

    static void assertProblem(ResponseEntity<JsonNode> response, HttpStatus status) {
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isNotNull();
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        JsonNode problem = response.getBody();
        assertThat(problem.get("status").asInt()).isEqualTo(status.value());
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("type").asText()).isNotBlank();
        assertThat(problem.has("detail")).isTrue();
    }

    @Test
    void namesAndCodesAreUniquePerOrganisation() {
        api.post(admin, "/api/activity-types", body("name", "Electrical", "hourly_rate", 95, "xero_code", "E1"));
        long before = storedEvents();
        assertProblem(api.post(admin, "/api/activity-types", body("name", "  ELECTRICAL ", "hourly_rate", 1)),
                HttpStatus.CONFLICT);
        assertProblem(api.post(admin, "/api/activity-types", body("name", "Other", "hourly_rate", 1, "xero_code", "E1")),
                HttpStatus.CONFLICT);
        assertThat(storedEvents()).isEqualTo(before);
        // another organisation may use both
        assertThat(api.post(otherAdmin, "/api/activity-types", body("name", "Electrical", "hourly_rate", 95,
                "xero_code", "E1")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void putIsAPartialUpdate() {
        JsonNode created = api.post(admin, "/api/activity-types", body("name", "Gas", "hourly_rate", 70,
                "description", "Gas fitting", "xero_code", "GAS")).getBody();
        String path = "/api/activity-types/" + created.get("id").asText();
        ResponseEntity<JsonNode> updated = api.put(admin, path, body("hourly_rate", 75.25));
        assertThat(updated.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(updated.getBody().get("hourly_rate").decimalValue()).isEqualByComparingTo("75.25");
        assertThat(updated.getBody().get("description").asText()).isEqualTo("Gas fitting");
        Map<String, Object> clear = new LinkedHashMap<>();
        clear.put("description", null);
        clear.put("xero_code", null);
        JsonNode cleared = api.put(admin, path, clear).getBody();
        assertThat(cleared.get("description").isNull()).isTrue();
        assertThat(cleared.get("xero_code").isNull()).isTrue();
        assertThat(api.get(admin, path).getBody()).isEqualTo(cleared);
        // the freed code can be used by another type
        assertThat(api.post(admin, "/api/activity-types", body("name", "Gas 2", "hourly_rate", 1, "xero_code", "GAS"))
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        long before = storedEvents();
        assertProblem(api.put(admin, path, body("name", null)), HttpStatus.BAD_REQUEST);
        assertProblem(api.put(admin, path, body("hourly_rate", 1.001)), HttpStatus.BAD_REQUEST);
        assertProblem(api.put(admin, path, body("enabled", "yes")), HttpStatus.BAD_REQUEST);
        assertProblem(api.put(admin, path, body("name", "Gas 2")), HttpStatus.CONFLICT);
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void unknownForeignOrMalformedIdsAreNotFoundOrBadRequest() {
        JsonNode created = create("Roofing", 60);
        String path = "/api/activity-types/" + created.get("id").asText();
        String unknown = "/api/activity-types/" + UUID.randomUUID();
        assertProblem(api.get(otherAdmin, path), HttpStatus.NOT_FOUND);
        assertProblem(api.put(otherAdmin, path, body("hourly_rate", 1)), HttpStatus.NOT_FOUND);
        assertProblem(api.delete(otherAdmin, path), HttpStatus.NOT_FOUND);
        assertProblem(api.get(otherAdmin, path + "/history"), HttpStatus.NOT_FOUND);
        assertProblem(api.get(admin, unknown), HttpStatus.NOT_FOUND);
        assertProblem(api.put(admin, unknown, body("hourly_rate", 1)), HttpStatus.NOT_FOUND);
        assertProblem(api.delete(admin, unknown), HttpStatus.NOT_FOUND);
        assertProblem(api.get(admin, "/api/activity-types/not-a-uuid"), HttpStatus.BAD_REQUEST);
        assertProblem(api.put(admin, "/api/activity-types/not-a-uuid", body("hourly_rate", 1)), HttpStatus.BAD_REQUEST);
        assertThat(api.get(admin, path).getBody().get("hourly_rate").decimalValue()).isEqualByComparingTo("60");
    }

    @Test
    void deleteIsASoftDeleteThatPutUndoes() {
        JsonNode created = create("Painting", 50);
        String path = "/api/activity-types/" + created.get("id").asText();
        ResponseEntity<JsonNode> deleted = api.delete(admin, path);
        assertThat(deleted.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(deleted.getBody().get("success").asBoolean()).isTrue();
        assertProblem(api.get(technician, path), HttpStatus.NOT_FOUND);
        assertThat(api.get(technician, "/api/activity-types").getBody()).isEmpty();
        assertThat(api.get(technician, "/api/activity-types?include_disabled=true").getBody()).isEmpty();
        assertThat(api.get(admin, "/api/activity-types").getBody()).isEmpty();
        JsonNode all = api.get(admin, "/api/activity-types?include_disabled=true").getBody();
        assertThat(all).hasSize(1);
        assertThat(all.get(0).get("enabled").asBoolean()).isFalse();
        assertThat(api.get(admin, path).getBody().get("enabled").asBoolean()).isFalse();
        // the name stays taken while disabled
        assertProblem(api.post(admin, "/api/activity-types", body("name", "painting", "hourly_rate", 1)),
                HttpStatus.CONFLICT);
        JsonNode enabled = api.put(admin, path, body("enabled", true)).getBody();
        assertThat(enabled.get("enabled").asBoolean()).isTrue();
        assertThat(api.get(technician, "/api/activity-types").getBody()).hasSize(1);
    }

    @Test
    void historyShowsWhoChangedWhatAndWhen() {
        JsonNode created = create("Tiling", 40);
        String path = "/api/activity-types/" + created.get("id").asText();
        api.put(admin, path, body("name", "Tiling & grouting", "hourly_rate", 45));
        api.delete(admin, path);
        JsonNode history = api.get(manager, path + "/history").getBody();
        assertThat(history).hasSize(3);
        assertThat(history.get(0).get("type").asText()).isEqualTo("fieldops.activity-type.created.v1");
        assertThat(history.get(1).get("type").asText()).isEqualTo("fieldops.activity-type.updated.v1");
        assertThat(history.get(2).get("type").asText()).isEqualTo("fieldops.activity-type.disabled.v1");
        JsonNode changes = history.get(1).get("changes");
        assertThat(changes.get("name").get("old").asText()).isEqualTo("Tiling");
        assertThat(changes.get("name").get("new").asText()).isEqualTo("Tiling & grouting");
        assertThat(changes.get("hourly_rate").get("old").decimalValue()).isEqualByComparingTo("40");
        assertThat(changes.get("hourly_rate").get("new").decimalValue()).isEqualByComparingTo("45");
        assertThat(history).allSatisfy(entry -> {
            assertThat(entry.get("actor_id").asText()).isEqualTo(admin.id().toString());
            assertThat(entry.get("actor_name").asText()).isEqualTo("Ada Admin");
            assertThat(entry.get("event_id").asText()).hasSize(36);
            assertThat(entry.get("at").asText()).endsWith("Z");
        });
        assertThat(api.get(admin, path + "/history").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertProblem(api.get(technician, path + "/history"), HttpStatus.FORBIDDEN);
        assertProblem(api.get(analyst, path + "/history"), HttpStatus.FORBIDDEN);
    }

    @Test
    void onlyAdminsChangeThePriceList() {
        JsonNode created = create("Carpentry", 65);
        String path = "/api/activity-types/" + created.get("id").asText();
        for (Api.User user : List.of(manager, technician, analyst)) {
            assertProblem(api.post(user, "/api/activity-types", body("name", "Nope", "hourly_rate", 1)),
                    HttpStatus.FORBIDDEN);
            assertProblem(api.put(user, path, body("hourly_rate", 1)), HttpStatus.FORBIDDEN);
            assertProblem(api.delete(user, path), HttpStatus.FORBIDDEN);
        }
        assertThat(api.get(admin, path).getBody().get("hourly_rate").decimalValue()).isEqualByComparingTo("65");
    }
}
