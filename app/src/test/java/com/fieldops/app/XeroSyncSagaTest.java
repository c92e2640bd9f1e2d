package com.fieldops.app;

import static com.fieldops.app.xero.XeroFake.API;
import static com.fieldops.app.xero.XeroFake.payload;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fieldops.app.xero.XeroFake;
import com.fieldops.command.xero.XeroSyncRunner;
import com.fieldops.command.xero.XeroSyncSaga;
import com.fieldops.events.xero.XeroSyncRequested;
import com.fieldops.platform.security.AppRole;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sync saga's work against the Xero fake's real payloads: syncs are requested over HTTP and run by
 * {@link XeroSyncRunner} on the test's thread (the shared test context keeps the saga's event handler off, so that
 * the other tests drive syncs by hand), results read back over HTTP.
 */
@FieldOpsTest
class XeroSyncSagaTest {

    static final String SYNC = "/api/financials/xero-sync";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    XeroSyncRunner runner;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CommandGateway commands;

    final XeroFake xero = XeroFake.get();
    Api.User admin;
    XeroFake.Tenant tenant;

    @BeforeEach
    void connect() {
        admin = Api.user(UUID.randomUUID(), AppRole.ADMIN, "Ada");
        tenant = xero.connect(api(), admin, "Acme Plumbing", 1800);
    }

    private Api api() {
        return new Api(rest);
    }

    private void stubItems(ResponseDefinitionBuilder answer) {
        xero.server().stubFor(XeroFake.api(get(urlPathEqualTo(API + "/Items")), tenant).willReturn(answer));
    }

    /** Requests a full sync over HTTP and runs it as the saga does; answers the finished sync from the log. */
    private JsonNode sync(Api.User user, String type) {
        ResponseEntity<JsonNode> accepted = api().post(user, SYNC, Map.of("type", type));
        assertThat(accepted.getStatusCode()).as(String.valueOf(accepted.getBody())).isEqualTo(HttpStatus.ACCEPTED);
        UUID syncId = UUID.fromString(accepted.getBody().get("syncId").asText());
        runner.run(new XeroSyncRequested(syncId, user.orgId(), type, "api", "full"));
        return awaitFinished(user, syncId);
    }

    private JsonNode awaitFinished(Api.User user, UUID syncId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> api().get(user, SYNC + "/" + syncId).getBody(),
                sync -> !sync.get("completedAt").isNull());
    }

    private Map<String, JsonNode> activityTypesByCode(Api.User user) {
        JsonNode types = api().get(user, "/api/activity-types?include_disabled=true").getBody();
        return StreamSupport.stream(types.spliterator(), false).filter(type -> !type.get("xero_code").isNull())
                .collect(Collectors.toMap(type -> type.get("xero_code").asText(), type -> type));
    }

    private static List<Integer> counts(JsonNode sync) {
        return List.of(sync.get("recordsProcessed").asInt(), sync.get("recordsCreated").asInt(),
                sync.get("recordsUpdated").asInt());
    }

    @Test
    void itemsBecomeXeroManagedTypesFollowXeroAndAreDisabledWhenGone() {
        stubItems(okJson(payload("items-get.json")));
        JsonNode first = sync(admin, "activity_types");
        assertThat(first.get("status").asText()).as(first.toString()).isEqualTo("partial");
        assertThat(counts(first)).containsExactly(2, 1, 0);
        assertThat(first.get("errors")).hasSize(1);
        assertThat(first.get("errors").get(0).get("record").asText()).isEqualTo("abc65591");
        assertThat(first.get("errors").get(0).get("message").asText()).contains("no sales price");
        JsonNode guitars = activityTypesByCode(admin).get("123");
        assertThat(guitars.get("name").asText()).isEqualTo("Guitars");
        assertThat(guitars.get("hourly_rate").decimalValue()).isEqualByComparingTo("5000.00");
        assertThat(guitars.get("description").asText()).isEqualTo("Guitars Fender Strat");
        assertThat(guitars.get("xero_managed").asBoolean()).isTrue();
        assertThat(activityTypesByCode(admin)).as("never a zero rate").doesNotContainKey("abc65591");

        stubItems(okJson(payload("items-get.json").replace("5000.0000", "5500.0000")));
        JsonNode repriced = sync(admin, "activity_types");
        assertThat(counts(repriced)).containsExactly(2, 0, 1);
        assertThat(activityTypesByCode(admin).get("123").get("hourly_rate").decimalValue())
                .isEqualByComparingTo("5500.00");

        stubItems(okJson(payload("items-get.json").replace("\"123\"", "\"777\"")
                .replace("\"Guitars\"", "\"Guitars and amps\"")));
        JsonNode recoded = sync(admin, "activity_types");
        assertThat(counts(recoded)).as("777 created, 123 disabled").containsExactly(2, 1, 1);
        Map<String, JsonNode> types = activityTypesByCode(admin);
        assertThat(types.get("123").get("enabled").asBoolean()).isFalse();
        assertThat(types.get("777").get("name").asText()).isEqualTo("Guitars and amps");
        assertThat(types.get("777").get("enabled").asBoolean()).isTrue();
    }

    @Test
    void aTypeAnAdminLinkedToACodeIsLeftAsItIs() {
        ResponseEntity<JsonNode> created = api().post(admin, "/api/activity-types",
                Map.of("name", "Guitar lessons", "hourly_rate", 80, "xero_code", "123"));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        stubItems(okJson(payload("items-get.json")));

        JsonNode done = sync(admin, "activity_types");
        assertThat(counts(done)).containsExactly(2, 0, 0);
        assertThat(done.get("status").asText()).isEqualTo("partial");
        JsonNode lessons = activityTypesByCode(admin).get("123");
        assertThat(lessons.get("name").asText()).isEqualTo("Guitar lessons");
        assertThat(lessons.get("hourly_rate").decimalValue()).isEqualByComparingTo("80");
        assertThat(lessons.get("xero_managed").asBoolean()).isFalse();
        assertThat(lessons.get("enabled").asBoolean()).isTrue();
    }

    @Test
    void invoicesAreRecordedAndShownInTheListAndTheSummary() {
        xero.server().stubFor(XeroFake.api(get(urlPathEqualTo(API + "/Invoices")), tenant)
                .willReturn(okJson(payload("invoices-get.json"))));

        JsonNode done = sync(admin, "invoices");
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("success");
        assertThat(counts(done)).containsExactly(3, 3, 0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(StreamSupport.stream(
                api().get(admin, "/api/financials/invoices?limit=100").getBody().spliterator(), false)
                .map(row -> row.get("invoice_number").asText()).toList()).contains("INV-0002", "INV-0003"));
        JsonNode summary = api().get(admin, "/api/financials/summary").getBody();
        assertThat(summary.get("invoices").get("paid").asLong()).as(summary.toString()).isEqualTo(1);

        JsonNode again = sync(admin, "invoices");
        assertThat(counts(again)).as("the same invoices again change nothing").containsExactly(3, 0, 0);
    }

    @Test
    void xeroFailingForGoodEndsTheSyncInErrorWithNothingApplied() {
        stubItems(aResponse().withStatus(500));

        JsonNode failed = sync(admin, "all");
        assertThat(failed.get("status").asText()).isEqualTo("error");
        assertThat(failed.get("error").asText()).isNotBlank();
        assertThat(activityTypesByCode(admin)).isEmpty();
        assertThat(api().get(admin, "/api/financials/invoices").getBody()).isEmpty();
    }

    @Test
    void anOrganisationWithoutXeroGetsAnErrorSayingSo() {
        Api.User unconnected = Api.user(UUID.randomUUID(), AppRole.ADMIN, "Una");

        JsonNode failed = sync(unconnected, "activity_types");
        assertThat(failed.get("status").asText()).isEqualTo("error");
        assertThat(failed.get("error").asText()).contains("not connected");
    }

    @Test
    void syncFromXeroAnswersTheCountsOnceTheSyncHasRun() {
        stubItems(okJson(payload("items-get.json")));
        // the saga's part, played as soon as the endpoint's sync is in the log
        CompletableFuture<Void> saga = CompletableFuture.runAsync(() -> {
            UUID syncId = await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                    "select sync_id from xero_sync_log where org_id = ?").param(admin.orgId()).query(UUID.class)
                    .optional(), Optional::isPresent).orElseThrow();
            runner.run(new XeroSyncRequested(syncId, admin.orgId(), "activity_types", "activity_types_endpoint",
                    "full"));
        });

        ResponseEntity<JsonNode> synced = api().post(admin, "/api/activity-types/sync-from-xero", null);
        saga.join();
        assertThat(synced.getStatusCode()).as(String.valueOf(synced.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(synced.getBody().get("synced").asInt()).isEqualTo(2);
        assertThat(synced.getBody().get("created").asInt()).isEqualTo(1);
        assertThat(synced.getBody().get("updated").asInt()).isZero();
        assertThat(synced.getBody().get("errors")).hasSize(1);
    }

    @Test
    void aSyncLeftBehindByAStoppedProcessIsFailedWhenTheNextProcessIsReady() {
        ResponseEntity<JsonNode> accepted = api().post(admin, SYNC, Map.of("type", "payments"));
        UUID leftBehind = UUID.fromString(accepted.getBody().get("syncId").asText());
        XeroSyncSaga nextProcess = new XeroSyncSaga(runner, commands, jdbc);
        try {
            nextProcess.failInterruptedSyncs();
        } finally {
            nextProcess.destroy();
        }
        JsonNode failed = awaitFinished(admin, leftBehind);
        assertThat(failed.get("status").asText()).isEqualTo("error");
        assertThat(failed.get("error").asText()).startsWith("interrupted");
        assertThat(sync(admin, "payments").get("status").asText()).as("its slot is free again").isEqualTo("success");
    }
}
