package com.fieldops.app.xero;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fieldops.app.Api;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Xero faked over HTTP for the tests (WireMock), speaking the real payload shapes of src/test/resources/xero/ (see
 * SOURCE.md there): one server per JVM serves the identity endpoints (/connect/token, /connect/revocation), the
 * authorize host, /Connections and the accounting API (/api.xro/2.0/...). {@link Initializer} points the application
 * at it.
 *
 * <p>Tests share the server, so each works with its own {@link Tenant}: own client credentials, tokens and tenant id.
 * Stubs match on them (Basic credentials, bearer token, xero-tenant-id), never on the path alone, so stubs of one test
 * never answer another's requests. A token request nobody stubbed is refused with {@code invalid_client}.
 */
public final class XeroFake {

    /** The standard app's credentials the test context runs with (FIELDOPS_XERO_CLIENT_ID / _SECRET / _REDIRECT_URI). */
    public static final String APP_CLIENT_ID = "fieldops-test-app";
    public static final String APP_CLIENT_SECRET = "fieldops-test-app-secret";
    public static final String REDIRECT_URI = "https://app.fieldops.test/xero/callback";
    /** The API path prefix of the accounting API. */
    public static final String API = "/api.xro/2.0";

    private static XeroFake instance;

    private final WireMockServer server;

    private XeroFake() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        // lowest priority: whatever no test stubbed is refused as Xero refuses unknown clients
        server.stubFor(post(urlPathEqualTo("/connect/token")).atPriority(10)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_client\"}")));
    }

    public static synchronized XeroFake get() {
        if (instance == null) instance = new XeroFake();
        return instance;
    }

    public WireMockServer server() {
        return server;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** Points the application's Xero hosts and app credentials at the fake; retries back off briefly. */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("xeroFake", settings()));
        }
    }

    /** The settings that point an application at the fake (also those of a process a test starts itself). */
    public static Map<String, Object> settings() {
        String url = get().baseUrl();
        return Map.of(
                "fieldops.xero.api-url", url,
                "fieldops.xero.identity-url", url,
                "fieldops.xero.login-url", url,
                "fieldops.xero.client-id", APP_CLIENT_ID,
                "fieldops.xero.client-secret", APP_CLIENT_SECRET,
                "fieldops.xero.redirect-uri", REDIRECT_URI,
                "fieldops.xero.timeout", "5s",
                "fieldops.xero.retry-backoff", "100ms");
    }

    /** One Xero organisation of one test, with the credentials and tokens that reach it. */
    public record Tenant(String tenantId, String tenantName, String clientId, String clientSecret,
                         String accessToken) {

        public String basicAuth() {
            return basic(clientId, clientSecret);
        }

        public String bearer() {
            return "Bearer " + accessToken;
        }
    }

    /**
     * A tenant reached through a custom connection: its client credentials grant answers {@code accessToken}
     * (expiring in {@code expiresIn} seconds), and /Connections with that token lists the tenant.
     */
    public Tenant customConnection(String tenantName, long expiresIn) {
        String unique = UUID.randomUUID().toString();
        Tenant tenant = new Tenant(UUID.randomUUID().toString(), tenantName, "client-" + unique, "secret-" + unique,
                "access-" + unique);
        server.stubFor(post(urlPathEqualTo("/connect/token")).atPriority(5)
                .withHeader("Authorization", equalTo(tenant.basicAuth()))
                .withRequestBody(containing("grant_type=client_credentials"))
                .willReturn(okJson(tokens(tenant.accessToken(), null, expiresIn))));
        stubConnections(tenant.accessToken(), tenant);
        return tenant;
    }

    /**
     * The admin's organisation connected through the API to a new custom-connection tenant of the fake, with tokens
     * that live {@code expiresIn} seconds. The starting point of tests that call Xero.
     */
    public Tenant connect(Api api, Api.User admin, String tenantName, long expiresIn) {
        Tenant tenant = customConnection(tenantName, expiresIn);
        var answer = api.put(admin, "/api/xero/connection", Map.of("grant", "client_credentials",
                "client_id", tenant.clientId(), "client_secret", tenant.clientSecret()));
        if (!answer.getStatusCode().is2xxSuccessful()) {
            throw new IllegalStateException("connecting to the Xero fake failed: " + answer.getBody());
        }
        return tenant;
    }

    /**
     * A tenant reached through the standard app: the authorization code {@code code} is exchanged for
     * {@code accessToken} and {@code refreshToken} (access expiring in {@code expiresIn} seconds).
     */
    public Tenant codeFlow(String tenantName, String code, String refreshToken, long expiresIn) {
        String unique = UUID.randomUUID().toString();
        Tenant tenant = new Tenant(UUID.randomUUID().toString(), tenantName, APP_CLIENT_ID, APP_CLIENT_SECRET,
                "access-" + unique);
        server.stubFor(post(urlPathEqualTo("/connect/token")).atPriority(5)
                .withHeader("Authorization", equalTo(basic(APP_CLIENT_ID, APP_CLIENT_SECRET)))
                .withRequestBody(containing("grant_type=authorization_code"))
                .withRequestBody(containing("code=" + code))
                .willReturn(okJson(tokens(tenant.accessToken(), refreshToken, expiresIn))));
        stubConnections(tenant.accessToken(), tenant);
        return tenant;
    }

    /** The refresh token grant of {@code refreshToken} answers a new access token and the rotated refresh token. */
    public void stubRefresh(String refreshToken, String newAccessToken, String newRefreshToken, long expiresIn) {
        server.stubFor(refresh(refreshToken).willReturn(okJson(tokens(newAccessToken, newRefreshToken, expiresIn))));
    }

    /** The refresh token grant of {@code refreshToken} is refused: {@code invalid_grant}. */
    public void stubRefreshRejected(String refreshToken) {
        server.stubFor(refresh(refreshToken).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_grant\"}")));
    }

    /** The token request of the refresh grant of {@code refreshToken}, for stubs and verifications. */
    public static MappingBuilder refresh(String refreshToken) {
        return post(urlPathEqualTo("/connect/token")).atPriority(5)
                .withHeader("Authorization", equalTo(basic(APP_CLIENT_ID, APP_CLIENT_SECRET)))
                .withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("refresh_token=" + refreshToken));
    }

    /** /Connections answered for {@code accessToken}: the real example with this tenant's id and name. */
    public void stubConnections(String accessToken, Tenant tenant) {
        server.stubFor(WireMock.get(urlPathEqualTo("/Connections")).withHeader("Authorization", equalTo("Bearer " + accessToken))
                .willReturn(okJson(payload("connections-get.json")
                        .replace("fe79f7dd-b6d4-4a92-ba7b-538af6289c58", tenant.tenantId())
                        .replace("Demo Company (NZ)", tenant.tenantName()))));
    }

    /** A token endpoint answer (Xero's shape: access_token, expires_in, token_type, refresh_token, scope). */
    public static String tokens(String accessToken, String refreshToken, long expiresIn) {
        return "{\"access_token\":\"" + accessToken + "\",\"expires_in\":" + expiresIn
                + ",\"token_type\":\"Bearer\"" + (refreshToken == null ? "" : ",\"refresh_token\":\"" + refreshToken
                + "\",\"scope\":\"offline_access accounting.transactions\"") + "}";
    }

    /** A request to the accounting API of this tenant: path under /api.xro/2.0, tenant header matched. */
    public static MappingBuilder api(MappingBuilder request, Tenant tenant) {
        return request.withHeader("xero-tenant-id", equalTo(tenant.tenantId()));
    }

    /** A payload of src/test/resources/xero/. */
    public static String payload(String name) {
        try (InputStream in = XeroFake.class.getResourceAsStream("/xero/" + name)) {
            if (in == null) throw new IllegalArgumentException("no Xero payload " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
