package com.fieldops.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fieldops.app.xero.XeroFake;
import com.fieldops.events.xero.XeroSyncCounts;
import com.fieldops.events.xero.XeroSyncError;
import com.fieldops.platform.security.AppRole;
import com.fieldops.xero.sync.XeroSyncCommands.CompleteXeroSync;
import com.fieldops.xero.sync.XeroSyncCommands.FailXeroSync;
import com.fieldops.xero.sync.XeroSyncCommands.RecordXeroSyncProgress;
import com.fieldops.xero.sync.XeroSyncCommands.StartXeroSync;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sync log end to end: requests over HTTP, the life cycle driven through Axon's command gateway as the sync saga
 * will drive it, the log, the status and the feed read back over HTTP.
 */
@FieldOpsTest
class XeroSyncApiTest {

    static final String SYNC = "/api/financials/xero-sync";
    static final String STATUS = "/api/financials/xero-sync-status";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcClient jdbc;

    private final UUID org = UUID.randomUUID();
    private final Api.User admin = Api.user(org, AppRole.ADMIN, "Ada");
    private final Api.User manager = new Api.User(UUID.randomUUID(), org, AppRole.MANAGER, UUID.randomUUID(), "Max");
    private final Api.User analyst = Api.user(org, AppRole.ANALYST, "Ann");
    private final Api.User technician = Api.user(org, AppRole.TECHNICIAN, "Tom");

    private Api api() {
        return new Api(rest);
    }

    @BeforeEach
    void connect() {
        XeroFake.get().connect(api(), admin, "Acme Plumbing", 1800);
    }

    private UUID request(String type) {
        ResponseEntity<JsonNode> accepted = api().post(admin, SYNC, type == null ? Map.of() : Map.of("type", type));
        assertThat(accepted.getStatusCode()).as(String.valueOf(accepted.getBody())).isEqualTo(HttpStatus.ACCEPTED);
        return UUID.fromString(accepted.getBody().get("syncId").asText());
    }

    private JsonNode awaitSync(Api.User user, UUID syncId, Predicate<JsonNode> until) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> api().get(user, SYNC + "/" + syncId).getBody(),
                until);
    }

    private JsonNode feed(Api.User user) {
        return api().get(user, "/api/dashboard/activity-feed?resource_type=xero_sync").getBody();
    }

    @Test
    void aRequestedSyncIsPendingAndFollowsTheSagasStepsToItsEnd() {
        ResponseEntity<JsonNode> accepted = api().post(admin, SYNC, Map.of("type", "invoices"));
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(accepted.getBody().get("status").asText()).isEqualTo("pending");
        UUID syncId = UUID.fromString(accepted.getBody().get("syncId").asText());

        // read-your-writes: the log has it when the 202 is received
        JsonNode pending = api().get(admin, SYNC + "/" + syncId).getBody();
        assertThat(pending.get("syncId").asText()).isEqualTo(syncId.toString());
        assertThat(pending.get("type").asText()).isEqualTo("invoices");
        assertThat(pending.get("trigger").asText()).isEqualTo("api");
        assertThat(pending.get("status").asText()).isEqualTo("pending");
        assertThat(pending.get("progress").asInt()).isZero();
        assertThat(pending.get("startedAt").isNull()).isTrue();

        commands.sendAndWait(new StartXeroSync(syncId, 4));
        XeroSyncError archived = new XeroSyncError("INV-0042", "Contact is archived");
        commands.sendAndWait(new RecordXeroSyncProgress(syncId, new XeroSyncCounts(2, 0, 1, 1), null,
                List.of(archived)));
        JsonNode running = awaitSync(manager, syncId, sync -> sync.get("recordsProcessed").asInt() == 2);
        assertThat(running.get("status").asText()).isEqualTo("running");
        assertThat(running.get("progress").asInt()).isEqualTo(50);
        assertThat(running.get("startedAt").asText()).isNotBlank();
        assertThat(running.get("errors")).hasSize(1);

        commands.sendAndWait(new CompleteXeroSync(syncId, new XeroSyncCounts(4, 1, 2, 1), List.of(archived)));
        JsonNode done = awaitSync(analyst, syncId, sync -> !sync.get("completedAt").isNull());
        assertThat(done.get("status").asText()).isEqualTo("partial");
        assertThat(done.get("progress").asInt()).isEqualTo(100);
        assertThat(done.get("recordsProcessed").asInt()).isEqualTo(4);
        assertThat(done.get("recordsCreated").asInt()).isEqualTo(1);
        assertThat(done.get("recordsUpdated").asInt()).isEqualTo(2);
        assertThat(done.get("errors")).as("a repeated error is kept once").hasSize(1);
        assertThat(done.get("errors").get(0).get("record").asText()).isEqualTo("INV-0042");
        assertThat(done.get("errors").get(0).get("message").asText()).isEqualTo("Contact is archived");

        JsonNode status = api().get(manager, STATUS).getBody();
        assertThat(status.get("lastSync").get("type").asText()).isEqualTo("invoices");
        assertThat(status.get("lastSync").get("status").asText()).isEqualTo("partial");
        assertThat(status.get("lastSync").get("completedAt").asText()).isEqualTo(done.get("completedAt").asText());
        assertThat(status.get("recentSyncs")).hasSize(1);
        assertThat(status.get("recentSyncs").get(0).get("syncId").asText()).isEqualTo(syncId.toString());
    }

    @Test
    void theTypeDefaultsToAllAndASecondRequestGetsTheSyncUnderWay() {
        UUID first = request(null);
        assertThat(api().get(admin, SYNC + "/" + first).getBody().get("type").asText()).isEqualTo("all");
        ResponseEntity<JsonNode> again = api().call(admin, HttpMethod.POST, SYNC, null, null);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(again.getBody().get("syncId").asText()).isEqualTo(first.toString());
        assertThat(request("invoices")).as("another type is another sync").isNotEqualTo(first);

        commands.sendAndWait(new StartXeroSync(first, null));
        ResponseEntity<JsonNode> whileRunning = api().post(admin, SYNC, Map.of("type", "all"));
        assertThat(whileRunning.getBody().get("syncId").asText()).isEqualTo(first.toString());
        assertThat(whileRunning.getBody().get("status").asText()).isEqualTo("running");

        commands.sendAndWait(new FailXeroSync(first, "reconnect Xero", null, List.of()));
        UUID next = request("all");
        assertThat(next).as("a finished sync frees its type").isNotEqualTo(first);
        JsonNode failed = api().get(admin, SYNC + "/" + first).getBody();
        assertThat(failed.get("status").asText()).isEqualTo("error");
        assertThat(failed.get("error").asText()).isEqualTo("reconnect Xero");
        assertThat(api().get(admin, STATUS).getBody().get("recentSyncs")).hasSize(3);
    }

    @Test
    void onlyAdminsRequestAndAdminsManagersAndAnalystsRead() {
        for (Api.User notAdmin : List.of(manager, analyst, technician)) {
            ResponseEntity<JsonNode> refused = api().post(notAdmin, SYNC, Map.of("type", "all"));
            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(api().post(notAdmin, "/api/activity-types/sync-from-xero", null).getStatusCode())
                    .isEqualTo(HttpStatus.FORBIDDEN);
        }
        UUID syncId = request("contacts");
        for (Api.User reader : List.of(admin, manager, analyst)) {
            assertThat(api().get(reader, SYNC + "/" + syncId).getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(api().get(reader, STATUS).getStatusCode()).isEqualTo(HttpStatus.OK);
        }
        assertThat(api().get(technician, SYNC + "/" + syncId).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api().get(technician, STATUS).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api().get(null, STATUS).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(api().post(null, SYNC, Map.of()).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        ResponseEntity<JsonNode> badType = api().post(admin, SYNC, Map.of("type", "items"));
        assertThat(badType.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badType.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(badType.getBody().get("errors").get(0).get("field").asText()).isEqualTo("type");
        assertThat(api().post(admin, SYNC, Map.of("type", "all", "full", true)).getStatusCode())
                .as("an unknown field").isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(api().call(admin, HttpMethod.POST, SYNC, "{not json", MediaType.APPLICATION_JSON).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(jdbc.sql("select count(*) from xero_sync_log where org_id = ?").param(org).query(Long.class)
                .single()).isZero();
        assertThat(api().get(admin, STATUS).getBody().get("recentSyncs")).isEmpty();
        assertThat(api().get(admin, STATUS).getBody().get("lastSync").isNull()).isTrue();
    }

    @Test
    void anUnknownOrAnotherOrganisationsSyncIsNotFound() {
        UUID syncId = request("payments");
        Api.User stranger = Api.user(UUID.randomUUID(), AppRole.ADMIN, "Eve");
        for (String path : List.of(SYNC + "/" + UUID.randomUUID(), SYNC + "/" + syncId)) {
            ResponseEntity<JsonNode> missing = api().get(path.endsWith(syncId.toString()) ? stranger : admin, path);
            assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(missing.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(api().get(stranger, STATUS).getBody().get("recentSyncs")).isEmpty();
        assertThat(api().get(admin, SYNC + "/not-a-uuid").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void theNextScheduledSyncIsTwoAmInTheOrganisationsTimezone() {
        assertThat(api().put(admin, "/api/organization/settings", Map.of("timezone", "Pacific/Auckland"))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        Instant before = Instant.now();
        Instant next = Instant.parse(api().get(analyst, STATUS).getBody().get("nextScheduledSync").asText());
        ZonedDateTime local = next.atZone(ZoneId.of("Pacific/Auckland"));
        assertThat(local.getHour()).isEqualTo(2);
        assertThat(local.getMinute()).isZero();
        assertThat(next).isAfter(before).isBefore(before.plus(Duration.ofHours(24)).plusSeconds(1));
    }

    @Test
    void finishedSyncsAreInTheFeedOfAdminsAndAnalysts() {
        UUID items = request("activity_types");
        commands.sendAndWait(new StartXeroSync(items, null));
        commands.sendAndWait(new CompleteXeroSync(items, new XeroSyncCounts(3, 1, 2, 0), List.of()));
        UUID invoices = request("invoices");
        commands.sendAndWait(new FailXeroSync(invoices, "reconnect Xero", null, List.of()));

        JsonNode entries = await().atMost(Duration.ofSeconds(30)).until(() -> feed(admin), feed -> feed.size() == 2);
        JsonNode failed = entries.get(0);
        assertThat(failed.get("action").asText()).isEqualTo("xero_sync_failed");
        assertThat(failed.get("resource_id").asText()).isEqualTo(invoices.toString());
        assertThat(failed.get("resource_name").asText()).isEqualTo("Xero sync (invoices)");
        assertThat(failed.get("details").get("error").asText()).isEqualTo("reconnect Xero");
        JsonNode completed = entries.get(1);
        assertThat(completed.get("action").asText()).isEqualTo("xero_sync_completed");
        assertThat(completed.get("resource_name").asText()).isEqualTo("Xero sync (activity_types)");
        assertThat(completed.get("details").get("status").asText()).isEqualTo("success");
        assertThat(completed.get("details").get("created").asInt()).isEqualTo(1);
        assertThat(completed.get("details").get("updated").asInt()).isEqualTo(2);
        assertThat(completed.get("details").get("trigger").asText()).isEqualTo("api");

        assertThat(feed(analyst)).hasSize(2);
        assertThat(feed(manager)).as("syncs concern nobody's team").isEmpty();
        assertThat(feed(technician)).isEmpty();
    }

    @Test
    void syncFromXeroAnswersWithTheItemsSyncsCounts() {
        CompletableFuture<ResponseEntity<JsonNode>> call = CompletableFuture.supplyAsync(() ->
                api().post(admin, "/api/activity-types/sync-from-xero", null));
        UUID syncId = awaitRequested("activity_types");
        commands.sendAndWait(new StartXeroSync(syncId, 2));
        commands.sendAndWait(new CompleteXeroSync(syncId, new XeroSyncCounts(2, 1, 0, 1),
                List.of(new XeroSyncError("ITEM-9", "no sales price"))));
        ResponseEntity<JsonNode> synced = call.join();
        assertThat(synced.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(synced.getBody().get("syncId").asText()).isEqualTo(syncId.toString());
        assertThat(synced.getBody().get("synced").asInt()).isEqualTo(2);
        assertThat(synced.getBody().get("created").asInt()).isEqualTo(1);
        assertThat(synced.getBody().get("updated").asInt()).isZero();
        assertThat(synced.getBody().get("errors").get(0).get("message").asText()).isEqualTo("no sales price");
        assertThat(api().get(admin, SYNC + "/" + syncId).getBody().get("trigger").asText())
                .isEqualTo("activity_types_endpoint");

        CompletableFuture<ResponseEntity<JsonNode>> failing = CompletableFuture.supplyAsync(() ->
                api().post(admin, "/api/activity-types/sync-from-xero", null));
        UUID second = awaitRequested("activity_types");
        commands.sendAndWait(new FailXeroSync(second, "reconnect Xero", null, List.of()));
        ResponseEntity<JsonNode> failed = failing.join();
        assertThat(failed.getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(failed.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(failed.getBody().get("detail").asText()).contains("reconnect Xero");
        assertThat(failed.getBody().get("syncId").asText()).isEqualTo(second.toString());
    }

    /** The organisation's pending or running sync of that type, once there is one. */
    private UUID awaitRequested(String type) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                        select sync_id from xero_sync_log
                        where org_id = ? and sync_type = ? and status in ('pending', 'running')""")
                .params(org, type).query(UUID.class).optional().orElse(null), id -> id != null);
    }
}
