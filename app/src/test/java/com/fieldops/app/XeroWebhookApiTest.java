package com.fieldops.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fieldops.app.xero.XeroFake;
import com.fieldops.command.xero.XeroWebhookSignature;
import com.fieldops.events.xero.XeroSyncCounts;
import com.fieldops.platform.security.AppRole;
import com.fieldops.xero.sync.XeroSyncCommands.CompleteXeroSync;
import com.fieldops.xero.sync.XeroSyncCommands.StartXeroSync;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Xero's webhook deliveries, with the real payloads of reference/xero-examples (each test gives the delivery a tenant
 * of its own): signatures on the raw bytes, 200 with an empty body or 401, and a tenant's INVOICE events becoming one
 * incremental invoices sync of its organisation, its CONTACT events one incremental contacts sync.
 */
@FieldOpsTest
class XeroWebhookApiTest {

    static final String WEBHOOK_KEY = "xero-webhook-test-key/with+base64-ish==chars";
    static final String PATH = "/api/xero/webhooks";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate rest;
    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcClient jdbc;

    private final UUID org = UUID.randomUUID();
    /** Unknown until {@link #connectTenant} connects the organisation to a tenant of the Xero fake. */
    private String tenant = UUID.randomUUID().toString();

    private void connectTenant() {
        tenant = XeroFake.get().connect(new Api(rest), Api.user(org, AppRole.ADMIN, "Ada"), "Acme Plumbing", 1800)
                .tenantId();
    }

    /** A real delivery, for this test's tenant; optionally its first event's category changed. */
    private byte[] delivery(String example, String category) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/xero/" + example)) {
            ObjectNode payload = (ObjectNode) JSON.readTree(in);
            ObjectNode event = (ObjectNode) payload.get("events").get(0);
            event.put("tenantId", tenant);
            if (category != null) event.put("eventCategory", category);
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(payload);
        }
    }

    static String sign(byte[] body, String key) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    private ResponseEntity<String> post(byte[] body, String signature) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (signature != null) headers.set("x-xero-signature", signature);
        return rest.exchange(PATH, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    private List<JsonNode> syncs() {
        return jdbc.sql("select sync_id, sync_type, trigger, mode, status from xero_sync_log where org_id = ? "
                        + "order by requested_at")
                .param(org)
                .query((row, number) -> (JsonNode) JSON.valueToTree(Map.of("sync_id", row.getString(1),
                        "type", row.getString(2), "trigger", row.getString(3), "mode", row.getString(4),
                        "status", row.getString(5))))
                .list();
    }

    private List<String> outcomes() {
        return jdbc.sql("select coalesce(outcome, 'queued') from xero_webhook_event where tenant_id = ?")
                .param(tenant).query(String.class).list();
    }

    private List<JsonNode> awaitSyncs(int count) {
        return await().atMost(Duration.ofSeconds(30)).until(this::syncs, syncs -> syncs.size() == count);
    }

    @Test
    void aSignedContactEventBecomesAnIncrementalContactsSyncOfTheTenantsOrganisation() throws Exception {
        connectTenant();
        byte[] body = delivery("webhook-contact-update.json", null);
        ResponseEntity<String> answer = post(body, sign(body, WEBHOOK_KEY));
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getBody()).as("Xero wants an empty body").isNull();
        JsonNode sync = awaitSyncs(1).get(0);
        assertThat(sync.get("type").asText()).as("a renamed contact moves no invoice").isEqualTo("contacts");
        assertThat(sync.get("trigger").asText()).isEqualTo("webhook");
        assertThat(sync.get("mode").asText()).isEqualTo("incremental");
        await().atMost(Duration.ofSeconds(10)).until(this::outcomes, List.of("sync_requested")::equals);
    }

    @Test
    void invoiceAndContactEventsOfOneDeliveryRequestAnInvoicesAndAContactsSync() throws Exception {
        connectTenant();
        ObjectNode delivery = (ObjectNode) JSON.readTree(delivery("webhook-contact-update.json", null));
        ObjectNode invoiceEvent = ((ObjectNode) delivery.get("events").get(0)).deepCopy();
        invoiceEvent.put("eventCategory", "INVOICE").put("resourceId", UUID.randomUUID().toString());
        ((ArrayNode) delivery.get("events")).add(invoiceEvent);
        byte[] body = JSON.writeValueAsBytes(delivery);
        assertThat(post(body, sign(body, WEBHOOK_KEY)).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(awaitSyncs(2).stream().map(sync -> sync.get("type").asText()).sorted().toList())
                .containsExactly("contacts", "invoices");
        await().atMost(Duration.ofSeconds(10)).until(this::outcomes,
                outcomes -> outcomes.equals(List.of("sync_requested", "sync_requested")));
    }

    @Test
    void anInvoiceEventInAnyCaseRequestsAnInvoicesSync() throws Exception {
        connectTenant();
        byte[] body = delivery("webhook-contact-update.json", "invoice");
        assertThat(post(body, sign(body, WEBHOOK_KEY)).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(awaitSyncs(1).get(0).get("type").asText()).isEqualTo("invoices");
    }

    @Test
    void aBadOrMissingSignatureIsA401WithAnEmptyBodyAndQueuesNothing() throws Exception {
        connectTenant();
        byte[] body = delivery("webhook-contact-update.json", null);
        String signature = sign(body, WEBHOOK_KEY);
        byte[] altered = new String(body, StandardCharsets.UTF_8).replace("UPDATE", "CREATE")
                .getBytes(StandardCharsets.UTF_8);
        for (ResponseEntity<String> refused : List.of(post(body, sign(body, "another key")), post(altered, signature),
                post(body, null), post(body, "not base64!"), post(body, ""))) {
            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(refused.getBody()).isNull();
        }
        assertThat(outcomes()).isEmpty();
        assertThat(syncs()).isEmpty();
    }

    @Test
    void withoutAKeyEveryDeliveryIsRefused() throws Exception {
        byte[] body = delivery("webhook-contact-update.json", null);
        assertThat(new XeroWebhookSignature("").verifies(body, sign(body, "any key"))).isFalse();
        assertThat(new XeroWebhookSignature("").verifies(body, "")).isFalse();
        assertThat(new XeroWebhookSignature(WEBHOOK_KEY).verifies(body, sign(body, WEBHOOK_KEY))).isTrue();
    }

    @Test
    void anIntentToReceiveDeliveryIsAnsweredLikeAnyOther() throws Exception {
        byte[] intent = """
                {"events":[],"firstEventSequence":0,"lastEventSequence":0,"entropy":"YSXCMKAQBJOEMGUZEPFZ"}"""
                .getBytes(StandardCharsets.UTF_8);
        ResponseEntity<String> answer = post(intent, sign(intent, WEBHOOK_KEY));
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getBody()).isNull();
        assertThat(post(intent, sign(intent, "wrong")).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void anUnknownTenantsEventsAreAcknowledgedAndDropped() throws Exception {
        byte[] body = delivery("webhook-contact-update.json", "INVOICE");
        assertThat(post(body, sign(body, WEBHOOK_KEY)).getStatusCode()).isEqualTo(HttpStatus.OK);
        await().atMost(Duration.ofSeconds(10)).until(this::outcomes, List.of("unknown_tenant")::equals);
        assertThat(syncs()).isEmpty();
    }

    @Test
    void aRepeatedDeliveryIsQueuedOnce() throws Exception {
        connectTenant();
        byte[] body = delivery("webhook-contact-update.json", null);
        String signature = sign(body, WEBHOOK_KEY);
        assertThat(post(body, signature).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(post(body, signature).getStatusCode()).isEqualTo(HttpStatus.OK);
        awaitSyncs(1);
        await().atMost(Duration.ofSeconds(10)).until(this::outcomes, List.of("sync_requested")::equals);
        assertThat(post(body, signature).getStatusCode()).as("also after it was acted on").isEqualTo(HttpStatus.OK);
        Thread.sleep(1500); // the worker polls every second
        assertThat(syncs()).hasSize(1);
        assertThat(outcomes()).hasSize(1);
    }

    @Test
    void creditNoteEventsStartNoSync() throws Exception {
        connectTenant();
        byte[] body = delivery("webhook-creditnote-create.json", null);
        assertThat(post(body, sign(body, WEBHOOK_KEY)).getStatusCode()).isEqualTo(HttpStatus.OK);
        await().atMost(Duration.ofSeconds(10)).until(this::outcomes, List.of("ignored")::equals);
        assertThat(syncs()).isEmpty();
    }

    @Test
    void eventsArrivingWhileAnInvoicesSyncRunsWaitForItAndStartTheNextOne() throws Exception {
        connectTenant();
        byte[] first = delivery("webhook-contact-update.json", "INVOICE");
        post(first, sign(first, WEBHOOK_KEY));
        UUID running = UUID.fromString(awaitSyncs(1).get(0).get("sync_id").asText());
        commands.sendAndWait(new StartXeroSync(running, null));

        ObjectNode later = (ObjectNode) JSON.readTree(delivery("webhook-contact-update.json", "INVOICE"));
        ((ObjectNode) later.get("events").get(0)).put("resourceId", UUID.randomUUID().toString());
        byte[] second = JSON.writeValueAsBytes(later);
        assertThat(post(second, sign(second, WEBHOOK_KEY)).getStatusCode()).isEqualTo(HttpStatus.OK);
        Thread.sleep(1500);
        assertThat(syncs()).as("the running sync may have read past the change").hasSize(1);
        assertThat(outcomes()).contains("queued");

        commands.sendAndWait(new CompleteXeroSync(running, XeroSyncCounts.NONE, List.of()));
        List<JsonNode> syncs = awaitSyncs(2);
        assertThat(syncs.get(1).get("status").asText()).isEqualTo("pending");
        await().atMost(Duration.ofSeconds(10)).until(this::outcomes,
                outcomes -> outcomes.equals(List.of("sync_requested", "sync_requested")));
    }
}
