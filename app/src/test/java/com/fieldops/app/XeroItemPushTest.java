package com.fieldops.app;

import static com.fieldops.app.xero.XeroFake.API;
import static com.fieldops.app.xero.XeroFake.payload;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fieldops.app.xero.XeroFake;
import com.fieldops.command.activitytype.RecordXeroItem;
import com.fieldops.command.activitytype.RecordedXeroItem;
import com.fieldops.command.messaging.ActorMetaData;
import com.fieldops.platform.security.AppRole;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Pushing the price list to Xero (XeroItemPush) against the Xero fake: what is pushed and when, the Idempotency-Key,
 * Xero's validation errors on the type and in the feed, and a Xero outage waited out by the push's processor.
 */
@FieldOpsTest
class XeroItemPushTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TYPES = "/api/activity-types";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    CommandGateway commands;

    final XeroFake xero = XeroFake.get();
    Api api;
    Api.User admin;
    XeroFake.Tenant tenant;

    @BeforeEach
    void connect() {
        api = new Api(rest);
        admin = Api.user(UUID.randomUUID(), AppRole.ADMIN, "Ada");
        tenant = xero.connect(api, admin, "Acme Plumbing", 1800);
    }

    /** Xero's answer to POST Items for {@code code}: the real GET Items example, its first item given that code. */
    private static ResponseDefinitionBuilder savedAs(String code) {
        return okJson(payload("items-get.json").replace("\"123\"", "\"" + code + "\""));
    }

    /** Xero's answer to POST Items saving every one of {@code codes}: the real example's first item, once per code. */
    private static ResponseDefinitionBuilder savedAs(List<String> codes) throws Exception {
        ObjectNode answer = (ObjectNode) JSON.readTree(payload("items-get.json"));
        ObjectNode example = (ObjectNode) answer.get("Items").get(0);
        ArrayNode items = answer.putArray("Items");
        codes.forEach(code -> items.add(example.deepCopy().put("Code", code)
                .put("ItemID", UUID.randomUUID().toString())));
        return okJson(JSON.writeValueAsString(answer));
    }

    private void stubPush(ResponseDefinitionBuilder answer) {
        xero.server().stubFor(XeroFake.api(post(urlPathEqualTo(API + "/Items")), tenant).willReturn(answer));
    }

    /** The pushes this test's tenant received, oldest first. */
    private List<LoggedRequest> pushes() {
        return xero.server().findAll(pushesOf(tenant));
    }

    private static RequestPatternBuilder pushesOf(XeroFake.Tenant tenant) {
        return postRequestedFor(urlPathEqualTo(API + "/Items")).withHeader("xero-tenant-id", equalTo(tenant.tenantId()));
    }

    private List<LoggedRequest> awaitPushes(int count) {
        return await().atMost(Duration.ofSeconds(20)).until(this::pushes, pushes -> pushes.size() >= count);
    }

    /** The one item a push sent, as Xero reads it. */
    private static JsonNode itemOf(LoggedRequest push) throws Exception {
        JsonNode items = JSON.readTree(push.getBodyAsString()).get("Items");
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private JsonNode create(Map<String, Object> body) {
        ResponseEntity<JsonNode> created = api.post(admin, TYPES, body);
        assertThat(created.getStatusCode()).as(String.valueOf(created.getBody())).isEqualTo(HttpStatus.CREATED);
        return created.getBody();
    }

    private static Map<String, Object> type(String name, String rate, String description, String code) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("hourly_rate", new BigDecimal(rate));
        if (description != null) body.put("description", description);
        if (code != null) body.put("xero_code", code);
        return body;
    }

    /** The ids of the type's events, oldest first (the history endpoint). */
    private List<String> eventIds(String typeId) {
        return StreamSupport.stream(api.get(admin, TYPES + "/" + typeId + "/history").getBody().spliterator(), false)
                .map(entry -> entry.get("event_id").asText()).toList();
    }

    private List<JsonNode> feed(String typeId) {
        JsonNode feed = api.get(admin, "/api/dashboard/activity-feed?resource_id=" + typeId).getBody();
        return StreamSupport.stream(feed.spliterator(), false).toList();
    }

    @Test
    void aTypeWithACodeIsPushedWhenCreatedAndWhenItsItemFieldsChangeEachWithItsEventsKey() throws Exception {
        stubPush(savedAs("ELEC-01"));

        String id = create(type("Electrical", "95.50", "Wiring and fittings", "ELEC-01")).get("id").asText();
        JsonNode created = itemOf(awaitPushes(1).get(0));
        assertThat(created.get("Code").asText()).isEqualTo("ELEC-01");
        assertThat(created.get("Name").asText()).isEqualTo("Electrical");
        assertThat(created.get("Description").asText()).isEqualTo("Wiring and fittings");
        assertThat(created.get("SalesDetails").get("UnitPrice").decimalValue()).isEqualByComparingTo("95.50");

        assertThat(api.put(admin, TYPES + "/" + id, Map.of("hourly_rate", 99)).getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode repriced = itemOf(awaitPushes(2).get(1));
        assertThat(repriced.get("SalesDetails").get("UnitPrice").decimalValue()).as("the new rate")
                .isEqualByComparingTo("99");
        assertThat(repriced.get("Name").asText()).as("with the fields the update did not carry").isEqualTo("Electrical");
        assertThat(repriced.get("Description").asText()).isEqualTo("Wiring and fittings");

        // disabling and enabling change nothing Xero's Item has; the description change after them is the next push
        assertThat(api.delete(admin, TYPES + "/" + id).getStatusCode()).isEqualTo(HttpStatus.OK);
        api.put(admin, TYPES + "/" + id, Map.of("enabled", true));
        api.put(admin, TYPES + "/" + id, Map.of("description", "Rewiring"));
        List<LoggedRequest> pushes = awaitPushes(3);
        assertThat(itemOf(pushes.get(2)).get("Description").asText()).isEqualTo("Rewiring");

        List<String> events = eventIds(id);
        assertThat(events).as("created, updated, disabled, enabled, updated: no push outcome recorded on success")
                .hasSize(5);
        assertThat(pushes).extracting(push -> push.getHeader("Idempotency-Key")).as("keyed by the event pushed")
                .containsExactly("fieldops-" + events.get(0) + "-0", "fieldops-" + events.get(1) + "-0",
                        "fieldops-" + events.get(4) + "-0");
        assertThat(api.get(admin, TYPES + "/" + id).getBody().get("xero_push_error").isNull()).isTrue();
    }

    @Test
    void aBulkImportPushesItsCodedTypesFiftyToACallAndEachOnce() throws Exception {
        List<String> codes = IntStream.rangeClosed(1, 120).mapToObj(n -> "IMP-%03d".formatted(n)).toList();
        stubPush(savedAs(codes));
        StringBuilder csv = new StringBuilder("name,hourly_rate,xero_code\n");
        codes.forEach(code -> csv.append("Imported ").append(code).append(",42.50,").append(code).append('\n'));
        csv.append("Without a code,10,\n");
        ResponseEntity<JsonNode> imported = api.call(admin, HttpMethod.POST, TYPES + "/bulk-import",
                csv.toString().getBytes(StandardCharsets.UTF_8), MediaType.parseMediaType("text/csv"));
        assertThat(imported.getBody().path("imported").asInt()).as(String.valueOf(imported.getBody())).isEqualTo(121);

        List<String> pushed = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            pushed.clear();
            for (LoggedRequest push : pushes()) {
                JsonNode items = JSON.readTree(push.getBodyAsString()).get("Items");
                assertThat(items.size()).as("at most fifty items per call").isBetween(1, 50);
                items.forEach(item -> pushed.add(item.get("Code").asText()));
            }
            return pushed.size() >= codes.size();
        });
        assertThat(pushed).as("every coded type once, the one without a code never")
                .containsExactlyInAnyOrderElementsOf(codes);
        // the processor takes 100 events a batch: 120 types are 3 calls, or 4 if a batch boundary splits them again
        assertThat(pushes()).hasSizeBetween(3, 4);
        assertThat(pushes()).extracting(push -> push.getHeader("Idempotency-Key")).doesNotHaveDuplicates();
        JsonNode list = api.get(admin, TYPES).getBody();
        assertThat(StreamSupport.stream(list.spliterator(), false).filter(row -> row.get("xero_push_error").isNull()))
                .as("no push failed").hasSize(121);
    }

    @Test
    void xeroManagedTypesAndTypesWithoutACodeAreNeverPushed() {
        stubPush(savedAs("MARK"));
        String plain = create(type("Cleaning", "40", null, null)).get("id").asText();
        api.put(admin, TYPES + "/" + plain, Map.of("hourly_rate", 45));
        RecordedXeroItem managed = commands.sendAndWait(ActorMetaData.system(new RecordXeroItem(admin.orgId(), "GTR",
                "Guitars", new BigDecimal("5000.00"), "Fender"), admin.orgId(), "test"));
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get(admin, TYPES + "/" + managed.activityTypeId())
                .getStatusCode() == HttpStatus.OK);
        assertThat(api.put(admin, TYPES + "/" + managed.activityTypeId(), Map.of("description", "Strats"))
                .getStatusCode()).isEqualTo(HttpStatus.OK);

        // pushes go in the order of the events: once the marker's is through, the others would have been before it
        create(type("Marker", "1", null, "MARK"));
        awaitPushes(1);

        assertThat(pushes()).singleElement().satisfies(push -> assertThat(push.getBodyAsString()).contains("MARK"));
    }

    @Test
    void xerosValidationErrorsAreRecordedOnTheTypeAndInTheFeedUntilAPushGoesThrough() {
        // the real example: a 200 whose item carries ValidationErrors (its Code is the one pushed here)
        stubPush(okJson(payload("items-put-with-validation-errors.json")));
        String id = create(type("Hello", "12.50", "foobar", "abc65591")).get("id").asText();

        String error = "Price List Item with Code ''abc'' already exists";
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get(admin, TYPES + "/" + id).getBody()
                .get("xero_push_error").asText(null), error::equals);
        JsonNode listed = StreamSupport.stream(api.get(admin, TYPES).getBody().spliterator(), false)
                .filter(row -> row.get("id").asText().equals(id)).findFirst().orElseThrow();
        assertThat(listed.get("xero_push_error").asText()).as("in the list as well").isEqualTo(error);
        JsonNode failed = await().atMost(Duration.ofSeconds(10)).until(() -> feed(id).stream()
                .filter(entry -> entry.get("action").asText().equals("activity_type_xero_push_failed")).findFirst()
                .orElse(null), entry -> entry != null);
        assertThat(failed.get("resource_type").asText()).isEqualTo("activity_type");
        assertThat(failed.get("resource_name").asText()).isEqualTo("Hello");
        assertThat(failed.get("user_name").asText()).isEqualTo("Xero");
        assertThat(failed.get("details").get("xero_code").asText()).isEqualTo("abc65591");
        assertThat(failed.get("details").get("errors").get(0).asText()).isEqualTo(error);

        stubPush(savedAs("abc65591"));
        api.put(admin, TYPES + "/" + id, Map.of("name", "Hello again"));
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get(admin, TYPES + "/" + id).getBody()
                .get("xero_push_error").isNull());
        await().atMost(Duration.ofSeconds(10)).until(() -> feed(id).stream()
                .anyMatch(entry -> entry.get("action").asText().equals("activity_type_xero_pushed")));
        JsonNode history = api.get(admin, TYPES + "/" + id + "/history").getBody();
        assertThat(history.get(1).get("type").asText()).isEqualTo("fieldops.activity-type.xero-push-failed.v1");
        assertThat(history.get(1).get("changes").get("xero_push_error").get("new").asText()).isEqualTo(error);
        assertThat(history.get(3).get("type").asText()).isEqualTo("fieldops.activity-type.xero-pushed.v1");
    }

    @Test
    void whileXeroIsDownThePushIsRetriedByItsProcessorWithTheSameKeyUntilItGoesThrough() {
        String scenario = "push-" + UUID.randomUUID();
        // the port's three tries of the first attempt fail; the processor handles the event again later
        for (int failure = 0; failure < 3; failure++) {
            xero.server().stubFor(XeroFake.api(post(urlPathEqualTo(API + "/Items")), tenant).inScenario(scenario)
                    .whenScenarioStateIs(failure == 0 ? Scenario.STARTED : "failed " + failure)
                    .willSetStateTo("failed " + (failure + 1)).willReturn(aResponse().withStatus(500)));
        }
        xero.server().stubFor(XeroFake.api(post(urlPathEqualTo(API + "/Items")), tenant).inScenario(scenario)
                .whenScenarioStateIs("failed 3").willReturn(savedAs("PLMB")));

        String id = create(type("Plumbing", "80", null, "PLMB")).get("id").asText();

        List<LoggedRequest> pushes = awaitPushes(4);
        assertThat(pushes).hasSize(4);
        assertThat(pushes).extracting(push -> push.getHeader("Idempotency-Key")).containsOnly(
                "fieldops-" + eventIds(id).get(0) + "-0");
        xero.server().verify(4, pushesOf(tenant).withRequestBody(matchingJsonPath("$.Items[0].Code", equalTo("PLMB"))));
        assertThat(eventIds(id)).as("a push that went through records nothing").hasSize(1);
        assertThat(api.get(admin, TYPES + "/" + id).getBody().get("xero_push_error").isNull()).isTrue();
    }
}
