package com.fieldops.app;

import static com.fieldops.app.xero.XeroFake.API;
import static com.fieldops.app.xero.XeroFake.payload;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fieldops.app.xero.XeroFake;
import com.fieldops.command.messaging.ActorMetaData;
import com.fieldops.command.xero.XeroSyncSaga;
import com.fieldops.platform.security.AppRole;
import com.fieldops.xero.sync.XeroSyncCommands.RequestXeroSync;
import com.fieldops.xero.sync.XeroSyncMode;
import com.fieldops.xero.sync.XeroSyncTrigger;
import com.fieldops.xero.sync.XeroSyncType;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sync saga against the Xero fake's real payloads: syncs are requested over HTTP, run by the saga (its processor
 * started for this class only: the other tests drive syncs by hand) step by step on db-scheduler's persistent
 * deadlines, and read back over HTTP. {@link #aSyncCutOffByAStoppingProcessResumesInTheNextFromItsLastStep} stops a
 * second application mid-sync and watches this one finish the sync from the step it was in.
 */
@FieldOpsTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XeroSyncSagaTest {

    static final String SYNC = "/api/financials/xero-sync";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CommandGateway commands;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    Scheduler deadlines;

    final XeroFake xero = XeroFake.get();
    Api.User admin;
    XeroFake.Tenant tenant;

    @BeforeAll
    void startTheSaga() {
        sagaProcessor().start();
    }

    @AfterAll
    void stopTheSaga() {
        sagaProcessor().shutDown();
    }

    private TrackingEventProcessor sagaProcessor() {
        return processing.eventProcessor(XeroSyncSaga.PROCESSING_GROUP, TrackingEventProcessor.class).orElseThrow();
    }

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

    private void stubInvoices(String body) {
        xero.server().stubFor(XeroFake.api(get(urlPathEqualTo(API + "/Invoices")), tenant).willReturn(okJson(body)));
    }

    private void stubContacts(String body) {
        xero.server().stubFor(XeroFake.api(get(urlPathEqualTo(API + "/Contacts")), tenant).willReturn(okJson(body)));
    }

    /**
     * Xero's GET /Contacts example, its first contact (Katherine Warren) being the contact of Xero's example invoices
     * (Barney Rubble-83203, who is thereby renamed).
     */
    private static String contactsRenamingTheInvoicesContact() {
        return payload("contacts-get.json").replace(KATHERINE_WARREN, INVOICES_CONTACT);
    }

    private static final String KATHERINE_WARREN = "5cc8cf28-567e-4d43-b287-687cfcaec47c";
    private static final String INVOICES_CONTACT = "a3675fc4-f8dd-4f03-ba5b-f1870566bcd7";

    /** The contact name each listed invoice shows, by invoice number. */
    private Map<String, String> contactNames(Api.User user) {
        return StreamSupport.stream(api().get(user, "/api/financials/invoices?limit=100").getBody().spliterator(),
                false).collect(Collectors.toMap(row -> row.get("invoice_number").asText(),
                row -> row.get("contact_name").asText()));
    }

    /** Requests a full sync over HTTP; answers the finished sync from the log. */
    private JsonNode sync(Api.User user, String type) {
        return awaitFinished(user, request(user, type));
    }

    private UUID request(Api.User user, String type) {
        ResponseEntity<JsonNode> accepted = api().post(user, SYNC, Map.of("type", type));
        assertThat(accepted.getStatusCode()).as(String.valueOf(accepted.getBody())).isEqualTo(HttpStatus.ACCEPTED);
        return UUID.fromString(accepted.getBody().get("syncId").asText());
    }

    private JsonNode awaitFinished(Api.User user, UUID syncId) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> api().get(user, SYNC + "/" + syncId).getBody(),
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

    private MappingBuilder invoicesPage(int page) {
        return XeroFake.api(get(urlPathEqualTo(API + "/Invoices")), tenant).withQueryParam("page",
                equalTo(String.valueOf(page)));
    }

    private RequestPatternBuilder invoicesPageRequested(int page) {
        return getRequestedFor(urlPathEqualTo(API + "/Invoices")).withQueryParam("page", equalTo(String.valueOf(page)))
                .withHeader("xero-tenant-id", equalTo(tenant.tenantId()));
    }

    /** A GET /Invoices answer of {@code count} invoices like Xero's example INV-0003, numbered from {@code first}. */
    private static String invoices(int first, int count) {
        ObjectNode template = XeroInvoices.example("INV-0003");
        List<ObjectNode> invoices = new ArrayList<>();
        for (int n = first; n < first + count; n++) {
            invoices.add(XeroInvoices.like(template, "INV-" + (10_000 + n), "AUTHORISED", LocalDate.of(2026, 12, 31),
                    "100.00"));
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.putArray("Invoices").addAll(invoices);
        return answer.toString();
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
        JsonNode feed = await().atMost(Duration.ofSeconds(10)).until(() -> api().get(admin,
                "/api/dashboard/activity-feed?resource_type=activity_type").getBody(), rows -> rows.size() > 0);
        assertThat(feed.get(0).get("action").asText()).isEqualTo("activity_type_created");
        assertThat(feed.get(0).get("user_name").asText()).as("the feed says Xero made it").isEqualTo("Xero sync");

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

    /** An Items answer of items like Xero's example "123", each {code, name, unit price}. */
    private static String items(String[]... items) {
        ObjectNode template;
        try {
            template = (ObjectNode) JSON.readTree(payload("items-get.json")).get("Items").get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode answer = JSON.createObjectNode();
        for (String[] item : items) {
            ObjectNode each = template.deepCopy();
            each.put("ItemID", UUID.randomUUID().toString()).put("Code", item[0]).put("Name", item[1]);
            ((ObjectNode) each.get("SalesDetails")).put("UnitPrice", new BigDecimal(item[2]));
            answer.withArray("Items").add(each);
        }
        return answer.toString();
    }

    @Test
    void duplicateCodesMeetOneTypeAndADuplicateNameIsARecordsError() {
        stubItems(okJson(items(new String[] {"DUP-1", "Drain clearing", "90.00"},
                new String[] {"DUP-1", "Drain clearing (after hours)", "135.00"},
                new String[] {"OTHER", "Drain clearing (after hours)", "80.00"})));

        JsonNode done = sync(admin, "activity_types");
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("partial");
        assertThat(counts(done)).as("the second DUP-1 updates the type the first made in the same step")
                .containsExactly(3, 1, 1);
        assertThat(done.get("errors")).hasSize(1);
        assertThat(done.get("errors").get(0).get("record").asText()).isEqualTo("OTHER");
        assertThat(done.get("errors").get(0).get("message").asText()).containsIgnoringCase("name");
        Map<String, JsonNode> types = activityTypesByCode(admin);
        assertThat(types).containsOnlyKeys("DUP-1");
        assertThat(types.get("DUP-1").get("name").asText()).isEqualTo("Drain clearing (after hours)");
        assertThat(types.get("DUP-1").get("hourly_rate").decimalValue()).isEqualByComparingTo("135.00");
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
    void aContactsSyncRenamesTheContactOnItsInvoicesAndARerunChangesNothing() {
        stubInvoices(payload("invoices-get.json"));
        assertThat(sync(admin, "invoices").get("status").asText()).isEqualTo("success");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(contactNames(admin))
                .containsOnlyKeys("INV-0002", "INV-0003").containsValue("Barney Rubble-83203"));

        // renamed in Xero: the invoices' UpdatedDateUTC stays, only the contacts read brings the new name
        stubContacts(contactsRenamingTheInvoicesContact());
        JsonNode contacts = sync(admin, "contacts");
        assertThat(contacts.get("status").asText()).as(contacts.toString()).isEqualTo("success");
        assertThat(counts(contacts)).as("Xero's two contacts, both new").containsExactly(2, 2, 0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(contactNames(admin))
                .containsExactlyInAnyOrderEntriesOf(Map.of("INV-0002", "Katherine Warren",
                        "INV-0003", "Katherine Warren")));

        JsonNode again = sync(admin, "contacts");
        assertThat(counts(again)).as("the same contacts again change nothing").containsExactly(2, 0, 0);
        JsonNode invoicesAgain = sync(admin, "invoices");
        assertThat(invoicesAgain.get("status").asText()).isEqualTo("success");
        assertThat(contactNames(admin)).as("the same invoices again record nothing: the contact's newer name stays")
                .containsValues("Katherine Warren").doesNotContainValue("Barney Rubble-83203");

        stubContacts(contactsRenamingTheInvoicesContact().replace("\"Katherine Warren\"", "\"Katherine Rubble\"")
                .replace("1503348544227", "1503348999000"));
        JsonNode renamed = sync(admin, "contacts");
        assertThat(counts(renamed)).as("one contact renamed").containsExactly(2, 0, 1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(contactNames(admin))
                .containsExactlyInAnyOrderEntriesOf(Map.of("INV-0002", "Katherine Rubble",
                        "INV-0003", "Katherine Rubble")));
    }

    @Test
    void anAllSyncReadsItemsThenInvoicesThenContactsAndAPaymentsSyncReadsNothing() {
        stubItems(okJson(payload("items-get.json")));
        stubInvoices(payload("invoices-get.json"));
        stubContacts(contactsRenamingTheInvoicesContact());

        JsonNode all = sync(admin, "all");
        assertThat(all.get("status").asText()).as("an item without price: " + all).isEqualTo("partial");
        assertThat(counts(all)).as("2 items, 3 invoices, 2 contacts").containsExactly(7, 6, 0);
        List<String> reads = xero.server().getAllServeEvents().stream()
                .filter(served -> tenant.tenantId().equals(served.getRequest().getHeader("xero-tenant-id")))
                .sorted(Comparator.comparing(served -> served.getRequest().getLoggedDate()))
                .map(served -> served.getRequest().getUrl().replaceAll("\\?.*", "").replace(API, "")).toList();
        assertThat(reads).containsExactly("/Items", "/Invoices", "/Contacts");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(contactNames(admin))
                .containsExactlyInAnyOrderEntriesOf(Map.of("INV-0002", "Katherine Warren",
                        "INV-0003", "Katherine Warren")));

        JsonNode payments = sync(admin, "payments");
        assertThat(payments.get("status").asText()).isEqualTo("success");
        assertThat(counts(payments)).containsExactly(0, 0, 0);
        assertThat(xero.server().findAll(getRequestedFor(urlPathEqualTo(API + "/Payments")))).isEmpty();
    }

    @Test
    void xeroFailingForGoodEndsTheSyncInErrorWithNothingApplied() {
        stubItems(aResponse().withStatus(500));

        JsonNode failed = sync(admin, "all");
        assertThat(failed.get("status").asText()).isEqualTo("error");
        assertThat(failed.get("error").asText()).isNotBlank();
        assertThat(xero.server().countRequestsMatching(XeroFake.api(get(urlPathEqualTo(API + "/Items")), tenant)
                .build().getRequest()).getCount()).as("3 tries of the step, each 3 tries of the call").isEqualTo(9);
        assertThat(activityTypesByCode(admin)).isEmpty();
        assertThat(api().get(admin, "/api/financials/invoices").getBody()).isEmpty();
    }

    @Test
    void anOrganisationWithoutXeroIsRefusedASyncAndOneThatLostItsConnectionGetsAnErrorSayingSo() {
        Api.User unconnected = Api.user(UUID.randomUUID(), AppRole.ADMIN, "Una");

        for (String refused : List.of(SYNC, "/api/activity-types/sync-from-xero")) {
            ResponseEntity<JsonNode> answer = api().post(unconnected, refused, Map.of("type", "activity_types"));
            assertThat(answer.getStatusCode()).as(refused).isEqualTo(HttpStatus.CONFLICT);
            assertThat(answer.getBody().get("detail").asText()).contains("not connected");
        }
        assertThat(jdbc.sql("select count(*) from xero_sync_log where org_id = ?").param(unconnected.orgId())
                .query(Long.class).single()).as("no sync was requested").isZero();

        // a sync requested while connected (here: as the daily schedule asks) whose connection is gone by its step
        UUID syncId = UUID.randomUUID();
        commands.sendAndWait(ActorMetaData.system(new RequestXeroSync(syncId, unconnected.orgId(),
                        XeroSyncType.ACTIVITY_TYPES, XeroSyncTrigger.SCHEDULE, XeroSyncMode.FULL),
                unconnected.orgId(), "test"));
        JsonNode failed = awaitFinished(unconnected, syncId);
        assertThat(failed.get("status").asText()).isEqualTo("error");
        assertThat(failed.get("error").asText()).contains("not connected");
    }

    @Test
    void aStepXeroDoesNotAnswerIsTriedAgainLaterAndTheSyncGoesOn() {
        String scenario = "items-" + tenant.tenantId();
        String[] states = {Scenario.STARTED, "failed once", "failed twice"};
        for (int i = 0; i < states.length; i++) {
            xero.server().stubFor(XeroFake.api(get(urlPathEqualTo(API + "/Items")), tenant).inScenario(scenario)
                    .whenScenarioStateIs(states[i]).willReturn(aResponse().withStatus(503))
                    .willSetStateTo(i + 1 < states.length ? states[i + 1] : "answers"));
        }
        xero.server().stubFor(XeroFake.api(get(urlPathEqualTo(API + "/Items")), tenant).inScenario(scenario)
                .whenScenarioStateIs("answers").willReturn(okJson(payload("items-get.json"))));

        JsonNode done = sync(admin, "activity_types");
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("partial");
        assertThat(counts(done)).containsExactly(2, 1, 0);
        assertThat(activityTypesByCode(admin)).containsKey("123");
    }

    @Test
    void anIncrementalSyncAsksXeroOnlyForWhatChangedSinceTheLastRead() {
        xero.server().stubFor(invoicesPage(1).willReturn(okJson(payload("invoices-get.json"))));
        JsonNode full = sync(admin, "invoices");
        assertThat(full.get("status").asText()).as(full.toString()).isEqualTo("success");
        xero.server().verify(getRequestedFor(urlPathEqualTo(API + "/Invoices"))
                .withHeader("xero-tenant-id", equalTo(tenant.tenantId())).withHeader("If-Modified-Since", absent()));

        UUID incremental = UUID.randomUUID();
        commands.sendAndWait(ActorMetaData.system(new RequestXeroSync(incremental, admin.orgId(),
                XeroSyncType.INVOICES, XeroSyncTrigger.WEBHOOK, XeroSyncMode.INCREMENTAL), admin.orgId(), "test"));
        JsonNode changed = awaitFinished(admin, incremental);
        assertThat(changed.get("status").asText()).as(changed.toString()).isEqualTo("success");
        xero.server().verify(1, getRequestedFor(urlPathEqualTo(API + "/Invoices"))
                .withHeader("xero-tenant-id", equalTo(tenant.tenantId()))
                .withHeader("If-Modified-Since", matching("\\d{4}-\\d{2}-\\d{2}T.+")));
        assertThat(counts(changed)).as("the same invoices again change nothing").containsExactly(3, 0, 0);
    }

    @Test
    void syncFromXeroAnswersTheCountsOnceTheSyncHasRun() {
        stubItems(okJson(payload("items-get.json")));

        ResponseEntity<JsonNode> synced = api().post(admin, "/api/activity-types/sync-from-xero", null);
        assertThat(synced.getStatusCode()).as(String.valueOf(synced.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(synced.getBody().get("synced").asInt()).isEqualTo(2);
        assertThat(synced.getBody().get("created").asInt()).isEqualTo(1);
        assertThat(synced.getBody().get("updated").asInt()).isZero();
        assertThat(synced.getBody().get("errors")).hasSize(1);
    }

    /**
     * A command side in a JVM of its own ({@link CommandSideProcess}) (the process that dies) runs the sync while this application's saga and
     * deadlines stand still; it is killed (SIGKILL) while Xero is answering page 2 of the invoices. This application
     * then revives the step the dead process left (db-scheduler's dead execution) and finishes the sync from page 2:
     * page 1 is read once, every invoice is recorded once, and the counts are those of one pass.
     */
    @Test
    void aSyncCutOffByAStoppingProcessResumesInTheNextFromItsLastStep() throws Exception {
        xero.server().stubFor(invoicesPage(1).willReturn(okJson(invoices(0, 100))));
        String scenario = "page-2-" + tenant.tenantId();
        xero.server().stubFor(invoicesPage(2).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(invoices(100, 20)).withFixedDelay(1_900)).willSetStateTo("quick"));
        xero.server().stubFor(invoicesPage(2).inScenario(scenario).whenScenarioStateIs("quick")
                .willReturn(okJson(invoices(100, 20))));
        sagaProcessor().shutDown();
        deadlines.pause();
        UUID syncId;
        Process dying = CommandSideProcess.start(Path.of("target", "xero-sync-dying-process.log"));
        try {
            syncId = request(admin, "invoices");
            await().atMost(Duration.ofSeconds(60)).until(() -> !xero.server().findAll(
                    invoicesPageRequested(2)).isEmpty());
            dying.destroyForcibly().waitFor();
        } finally {
            dying.destroyForcibly();
            deadlines.resume();
            sagaProcessor().start();
        }
        JsonNode cutOff = await().atMost(Duration.ofSeconds(10)).until(() -> api().get(admin, SYNC + "/" + syncId)
                .getBody(), sync -> sync.get("recordsProcessed").asInt() > 0);
        assertThat(cutOff.get("status").asText()).as("cut off mid-step").isEqualTo("running");
        assertThat(cutOff.get("recordsProcessed").asInt()).as("page 1 was applied").isEqualTo(100);

        JsonNode done = awaitFinished(admin, syncId);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("success");
        assertThat(counts(done)).containsExactly(120, 120, 0);
        assertThat(xero.server().findAll(invoicesPageRequested(1))).as("page 1 read once").hasSize(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql(
                "select count(*) from invoices where org_id = ?").param(admin.orgId()).query(Long.class).single())
                .isEqualTo(120));
    }
}
