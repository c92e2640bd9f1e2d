package com.fieldops.app;

import static com.fieldops.app.ActivityTypeApiTest.assertProblem;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fieldops.app.xero.XeroFake;
import com.fieldops.platform.security.AppRole;
import com.fieldops.xero.connection.XeroConnection;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.UriComponentsBuilder;

/** Connecting an organisation to Xero (the fake), seeing the connection and disconnecting, end to end over HTTP. */
@FieldOpsTest
@ExtendWith(OutputCaptureExtension.class)
class XeroConnectionApiTest {

    static final String CONNECTION = "/api/xero/connection";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcClient jdbc;

    final XeroFake xero = XeroFake.get();

    static Map<String, Object> customConnection(String clientId, String clientSecret) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("grant", "client_credentials");
        body.put("client_id", clientId);
        body.put("client_secret", clientSecret);
        return body;
    }

    @Test
    void customConnectionIsProvenStoredAndShownWithoutSecrets(CapturedOutput output) {
        Api api = new Api(rest);
        Api.User admin = Api.user(UUID.randomUUID(), AppRole.ADMIN, "Ada");
        XeroFake.Tenant tenant = xero.customConnection("Acme Plumbing", 1800);

        ResponseEntity<JsonNode> connected = api.put(admin, CONNECTION,
                customConnection(tenant.clientId(), tenant.clientSecret()));
        assertThat(connected.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(connected.getBody().get("connected").asBoolean()).isTrue();
        assertThat(connected.getBody().get("tenantId").asText()).isEqualTo(tenant.tenantId());
        assertThat(connected.getBody().get("tenantName").asText()).isEqualTo("Acme Plumbing");
        assertThat(connected.getBody().get("grant").asText()).isEqualTo("client_credentials");

        JsonNode status = api.get(admin, CONNECTION).getBody();
        assertThat(status.get("status").asText()).isEqualTo("connected");
        assertThat(status.get("tenantName").asText()).isEqualTo("Acme Plumbing");
        assertThat(status.get("lastRefreshAt").asText()).isNotBlank();
        assertThat(status.toString()).doesNotContain(tenant.clientSecret(), tenant.accessToken());

        assertNoPlainSecret(admin.orgId(), tenant.clientSecret(), tenant.accessToken());
        assertThat(output.getAll()).doesNotContain(tenant.clientSecret(), tenant.accessToken());
    }

    @Test
    void badCredentialsAndBadBodiesAreProblemsAndStoreNothing() {
        Api api = new Api(rest);
        Api.User admin = Api.user(UUID.randomUUID(), AppRole.ADMIN, "Ada");
        XeroFake.Tenant tenant = xero.customConnection("Acme Plumbing", 1800);

        ResponseEntity<JsonNode> refused = api.put(admin, CONNECTION, customConnection(tenant.clientId(), "wrong"));
        assertProblem(refused, HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().get("detail").asText()).contains("invalid_client");
        assertProblem(api.put(admin, CONNECTION, customConnection(tenant.clientId(), " ")), HttpStatus.BAD_REQUEST);
        Map<String, Object> codeGrant = customConnection(tenant.clientId(), tenant.clientSecret());
        codeGrant.put("grant", "authorization_code");
        assertProblem(api.put(admin, CONNECTION, codeGrant), HttpStatus.BAD_REQUEST);
        Map<String, Object> unknownField = customConnection(tenant.clientId(), tenant.clientSecret());
        unknownField.put("tenant_id", "x");
        assertProblem(api.put(admin, CONNECTION, unknownField), HttpStatus.BAD_REQUEST);
        for (AppRole role : List.of(AppRole.MANAGER, AppRole.TECHNICIAN, AppRole.ANALYST, AppRole.SERVICE)) {
            Api.User other = Api.user(admin.orgId(), role, "X");
            assertProblem(api.put(other, CONNECTION, customConnection(tenant.clientId(), tenant.clientSecret())),
                    HttpStatus.FORBIDDEN);
            assertProblem(api.get(other, CONNECTION), HttpStatus.FORBIDDEN);
        }

        assertThat(api.get(admin, CONNECTION).getBody().get("status").asText()).isEqualTo("not_connected");
        assertThat(rows(admin.orgId())).isZero();
    }

    @Test
    void codeFlowConnectsWithAStateBoundToTheAdmin() {
        Api api = new Api(rest);
        Api.User admin = Api.user(UUID.randomUUID(), AppRole.ADMIN, "Ada");
        String code = "code-" + UUID.randomUUID();
        XeroFake.Tenant tenant = xero.codeFlow("Acme Electrical", code, "refresh-1", 1800);

        URI authorize = URI.create(api.get(admin, "/api/xero/connect").getBody().get("authorizeUrl").asText());
        Map<String, String> query = UriComponentsBuilder.fromUri(authorize).build(true).getQueryParams()
                .toSingleValueMap();
        assertThat(authorize.toString()).startsWith(xero.baseUrl() + "/identity/connect/authorize?");
        assertThat(query).containsEntry("response_type", "code").containsEntry("client_id", XeroFake.APP_CLIENT_ID);
        assertThat(decode(query.get("redirect_uri"))).isEqualTo(XeroFake.REDIRECT_URI);
        assertThat(decode(query.get("scope"))).contains("offline_access", "accounting.transactions");
        String state = query.get("state");

        // another admin of the organisation cannot use this admin's state
        Api.User otherAdmin = Api.user(admin.orgId(), AppRole.ADMIN, "Otto");
        assertProblem(api.get(otherAdmin, callback(code, state)), HttpStatus.BAD_REQUEST);

        ResponseEntity<JsonNode> connected = api.get(admin, callback(code, state));
        assertThat(connected.getStatusCode()).as(String.valueOf(connected.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(connected.getBody().get("tenantId").asText()).isEqualTo(tenant.tenantId());
        assertThat(connected.getBody().get("grant").asText()).isEqualTo("authorization_code");
        assertNoPlainSecret(admin.orgId(), tenant.accessToken(), "refresh-1");

        // a state is used once
        ResponseEntity<JsonNode> reused = api.get(admin, callback(code, state));
        assertProblem(reused, HttpStatus.BAD_REQUEST);
        assertThat(reused.getBody().get("detail").asText()).contains("GET /api/xero/connect");
    }

    @Test
    void expiredUnknownOrMissingStateAndRefusedCodeChangeNothing() {
        Api api = new Api(rest);
        Api.User admin = Api.user(UUID.randomUUID(), AppRole.ADMIN, "Ada");
        String code = "code-" + UUID.randomUUID();
        xero.codeFlow("Acme Electrical", code, "refresh-1", 1800);

        String expired = stateOf(api, admin);
        jdbc.sql("update xero_oauth_state set expires_at = now() - interval '1 second' where org_id = ?")
                .param(admin.orgId()).update();
        assertProblem(api.get(admin, callback(code, expired)), HttpStatus.BAD_REQUEST);
        assertProblem(api.get(admin, callback(code, "made-up")), HttpStatus.BAD_REQUEST);
        assertProblem(api.get(admin, "/api/xero/callback?code=" + code), HttpStatus.BAD_REQUEST);
        ResponseEntity<JsonNode> refusedCode = api.get(admin, callback("not-a-code", stateOf(api, admin)));
        assertProblem(refusedCode, HttpStatus.BAD_REQUEST);
        assertThat(refusedCode.getBody().get("detail").asText()).contains("invalid_client");

        assertThat(rows(admin.orgId())).isZero();
    }

    @Test
    void disconnectRevokesTheRefreshTokenAndForgets() {
        Api api = new Api(rest);
        Api.User admin = Api.user(UUID.randomUUID(), AppRole.ADMIN, "Ada");
        String refreshToken = "refresh-" + UUID.randomUUID();
        String code = "code-" + UUID.randomUUID();
        xero.codeFlow("Acme Electrical", code, refreshToken, 1800);
        assertThat(api.get(admin, callback(code, stateOf(api, admin))).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        ResponseEntity<JsonNode> deleted = api.delete(admin, CONNECTION);
        assertThat(deleted.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(deleted.getBody().get("success").asBoolean()).isTrue();
        xero.server().verify(1, postRequestedFor(urlPathEqualTo("/connect/revocation"))
                .withHeader("Authorization", equalTo(XeroFake.basic(XeroFake.APP_CLIENT_ID,
                        XeroFake.APP_CLIENT_SECRET)))
                .withRequestBody(containing("token=" + refreshToken)));
        assertThat(api.get(admin, CONNECTION).getBody().get("status").asText()).isEqualTo("not_connected");
        assertThat(rows(admin.orgId())).isZero();
        assertProblem(api.delete(admin, CONNECTION), HttpStatus.NOT_FOUND);
    }

    @Test
    void aCustomConnectionHasNothingToRevoke() {
        Api api = new Api(rest);
        Api.User admin = Api.user(UUID.randomUUID(), AppRole.ADMIN, "Ada");
        XeroFake.Tenant tenant = xero.customConnection("Acme Plumbing", 1800);
        api.put(admin, CONNECTION, customConnection(tenant.clientId(), tenant.clientSecret()));

        assertThat(api.delete(admin, CONNECTION).getStatusCode()).isEqualTo(HttpStatus.OK);
        xero.server().verify(0, postRequestedFor(urlPathEqualTo("/connect/revocation"))
                .withRequestBody(containing(tenant.clientSecret())));
        assertThat(rows(admin.orgId())).isZero();
    }

    @Test
    void connectingAndDisconnectingAreEventsInTheFeedWithoutSecrets() {
        Api api = new Api(rest);
        Api.User admin = Api.user(UUID.randomUUID(), AppRole.ADMIN, "Ada Admin");
        XeroFake.Tenant tenant = xero.connect(api, admin, "Acme Plumbing", 1800);
        assertThat(api.delete(admin, CONNECTION).getStatusCode()).isEqualTo(HttpStatus.OK);

        List<String> payloads = jdbc.sql("select convert_from(payload, 'UTF8') from domain_event_entry "
                        + "where aggregate_identifier = ? order by sequence_number")
                .param(XeroConnection.idOf(admin.orgId()).toString()).query(String.class).list();
        assertThat(payloads).hasSize(2);
        assertThat(payloads.get(0)).contains(tenant.tenantId(), "client_credentials");
        assertThat(payloads.get(1)).contains(tenant.tenantId(), "disconnected");
        assertThat(String.join("", payloads)).doesNotContain(tenant.clientSecret(), tenant.accessToken(),
                tenant.clientId());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode feed = api.get(admin, "/api/dashboard/activity-feed?resource_type=xero_connection").getBody();
            assertThat(feed).extracting(entry -> entry.get("action").asText())
                    .containsExactly("xero_disconnected", "xero_connected");
            assertThat(feed.get(1).get("resource_name").asText()).isEqualTo("Acme Plumbing");
            assertThat(feed.get(1).get("user_name").asText()).isEqualTo("Ada Admin");
        });
    }

    private String stateOf(Api api, Api.User admin) {
        URI authorize = URI.create(api.get(admin, "/api/xero/connect").getBody().get("authorizeUrl").asText());
        return UriComponentsBuilder.fromUri(authorize).build(true).getQueryParams().getFirst("state");
    }

    private static String callback(String code, String state) {
        return "/api/xero/callback?code=" + code + "&state=" + state;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private long rows(UUID orgId) {
        return jdbc.sql("select count(*) from xero_connection where org_id = ?").param(orgId).query(Long.class)
                .single();
    }

    /** No column of the organisation's row holds a secret in plain text, in any form PostgreSQL can print. */
    private void assertNoPlainSecret(UUID orgId, String... secrets) {
        String row = jdbc.sql("select t::text || encode(coalesce(client_secret, ''::bytea), 'escape') "
                        + "|| encode(access_token, 'escape') || encode(coalesce(refresh_token, ''::bytea), 'escape') "
                        + "from xero_connection t where org_id = ?")
                .param(orgId).query(String.class).single();
        assertThat(row).isNotBlank().doesNotContain(secrets);
    }
}
