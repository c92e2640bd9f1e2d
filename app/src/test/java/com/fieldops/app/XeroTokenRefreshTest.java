package com.fieldops.app;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fieldops.app.xero.XeroFake;
import com.fieldops.platform.security.AppRole;
import com.fieldops.xero.XeroPort;
import com.fieldops.xero.XeroReconnectRequired;
import com.fieldops.xero.connection.XeroAccess;
import com.fieldops.xero.connection.XeroConnections;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.web.util.UriComponentsBuilder;

/** Access tokens of the code flow: refreshed before expiry, rotated refresh tokens kept, one refresh at a time. */
@FieldOpsTest
class XeroTokenRefreshTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    XeroConnections connections;
    @Autowired
    XeroPort xeroPort;

    final XeroFake xero = XeroFake.get();

    @Test
    void aTokenCloseToExpiryIsRefreshedAndTheRotatedRefreshTokenIsKept() {
        String first = "refresh-" + UUID.randomUUID();
        String second = "refresh-" + UUID.randomUUID();
        Api.User admin = connectWithCodeFlow(first, 60);
        // each refreshed token also expires within the refresh margin, so each access refreshes again
        xero.stubRefresh(first, "access-2-" + first, second, 60);
        xero.stubRefresh(second, "access-3-" + first, "refresh-" + UUID.randomUUID(), 1800);

        assertThat(connections.access(admin.orgId()).accessToken()).isEqualTo("access-2-" + first);
        assertThat(connections.access(admin.orgId()).accessToken()).isEqualTo("access-3-" + first);
        assertThat(connections.access(admin.orgId()).accessToken()).isEqualTo("access-3-" + first);

        xero.server().verify(1, postRequestedFor(urlPathEqualTo("/connect/token"))
                .withRequestBody(containing("refresh_token=" + first)));
        xero.server().verify(1, postRequestedFor(urlPathEqualTo("/connect/token"))
                .withRequestBody(containing("refresh_token=" + second)));
    }

    @Test
    void twoConcurrentRefreshesMakeOneTokenCall() throws Exception {
        String first = "refresh-" + UUID.randomUUID();
        Api.User admin = connectWithCodeFlow(first, 60);
        xero.server().stubFor(XeroFake.refresh(first).willReturn(okJson(XeroFake.tokens("access-2-" + first,
                "refresh-" + UUID.randomUUID(), 1800)).withFixedDelay(500)));

        CountDownLatch start = new CountDownLatch(1);
        Callable<XeroAccess> access = () -> {
            start.await();
            return connections.access(admin.orgId());
        };
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<XeroAccess>> both = List.of(threads.submit(access), threads.submit(access));
            start.countDown();
            for (Future<XeroAccess> result : both) {
                assertThat(result.get().accessToken()).isEqualTo("access-2-" + first);
            }
        } finally {
            threads.shutdownNow();
        }
        xero.server().verify(1, postRequestedFor(urlPathEqualTo("/connect/token"))
                .withRequestBody(containing("refresh_token=" + first)));
    }

    @Test
    void invalidGrantDisconnectsAndEveryLaterCallSaysReconnect() {
        String first = "refresh-" + UUID.randomUUID();
        Api.User admin = connectWithCodeFlow(first, 60);
        xero.stubRefreshRejected(first);

        assertThatThrownBy(() -> connections.access(admin.orgId())).isInstanceOf(XeroReconnectRequired.class)
                .hasMessageContaining("reconnect Xero").hasMessageContaining("invalid_grant");
        assertThatThrownBy(() -> xeroPort.getItems(admin.orgId(), null)).isInstanceOf(XeroReconnectRequired.class)
                .hasMessageContaining("reconnect Xero");
        xero.server().verify(1, postRequestedFor(urlPathEqualTo("/connect/token"))
                .withRequestBody(containing("refresh_token=" + first)));

        JsonNode status = new Api(rest).get(admin, "/api/xero/connection").getBody();
        assertThat(status.get("connected").asBoolean()).isFalse();
        assertThat(status.get("status").asText()).isEqualTo("disconnected");
        assertThat(status.get("disconnectedReason").asText()).contains("invalid_grant");
    }

    /** An organisation connected through the code flow whose first access token expires in {@code expiresIn} s. */
    private Api.User connectWithCodeFlow(String refreshToken, long expiresIn) {
        Api api = new Api(rest);
        Api.User admin = Api.user(UUID.randomUUID(), AppRole.ADMIN, "Ada");
        String code = "code-" + UUID.randomUUID();
        xero.codeFlow("Acme Electrical", code, refreshToken, expiresIn);
        URI authorize = URI.create(api.get(admin, "/api/xero/connect").getBody().get("authorizeUrl").asText());
        String state = UriComponentsBuilder.fromUri(authorize).build(true).getQueryParams().getFirst("state");
        assertThat(api.get(admin, "/api/xero/callback?code=" + code + "&state=" + state).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        return admin;
    }
}
