package com.fieldops.app;

import static com.fieldops.app.ActivityTypeApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fieldops.platform.security.AppRole;
import com.fieldops.platform.security.JwtSecret;
import com.fieldops.platform.security.TokenIssuer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** DESIGN §4: missing, invalid, expired or incomplete tokens are 401 problems; the wrong role is a 403 problem. */
@FieldOpsTest
class AuthenticationTest {

    @Autowired
    TestRestTemplate rest;

    @Test
    void tokensAreCheckedBeforeAnything() {
        Api api = new Api(rest);
        UUID org = UUID.randomUUID();
        TokenIssuer.Subject subject = new TokenIssuer.Subject(UUID.randomUUID(), org, AppRole.ADMIN, null,
                "a@x.test", "A");
        assertProblem(api.exchange(null, HttpMethod.GET, "/api/activity-types", null, null), HttpStatus.UNAUTHORIZED);
        assertProblem(api.exchange("not.a.jwt", HttpMethod.GET, "/api/activity-types", null, null),
                HttpStatus.UNAUTHORIZED);
        String wrongKey = new TokenIssuer(new JwtSecret("another-secret-another-secret-0123456789", false))
                .issue(subject, Duration.ofMinutes(5));
        assertProblem(api.exchange(wrongKey, HttpMethod.GET, "/api/activity-types", null, null), HttpStatus.UNAUTHORIZED);
        String expired = new TokenIssuer(new JwtSecret(Api.SECRET, false)).issue(subject,
                java.time.Instant.now().minusSeconds(3600), java.time.Instant.now().minusSeconds(600));
        assertProblem(api.exchange(expired, HttpMethod.GET, "/api/activity-types", null, null), HttpStatus.UNAUTHORIZED);
        assertProblem(api.exchange(expired, HttpMethod.POST, "/api/activity-types", "{}", MediaType.APPLICATION_JSON),
                HttpStatus.UNAUTHORIZED);
        assertThat(api.exchange(expired, HttpMethod.GET, "/api/activity-types", null, null).getHeaders()
                .getFirst("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void aServiceTokenMayNotTouchThePriceList() {
        Api api = new Api(rest);
        Api.User service = Api.user(UUID.randomUUID(), AppRole.SERVICE, "jobs-service");
        assertProblem(api.post(service, "/api/activity-types", java.util.Map.of("name", "X", "hourly_rate", 1)),
                HttpStatus.FORBIDDEN);
    }

    @Test
    void everyResponseCarriesARequestId() {
        Api api = new Api(rest);
        assertThat(api.exchange(null, HttpMethod.GET, "/api/activity-types", null, null).getHeaders()
                .getFirst("X-Request-Id")).isNotBlank();
    }
}
