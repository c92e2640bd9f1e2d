package com.fieldops.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fieldops.platform.security.AppRole;
import com.fieldops.platform.security.JwtSecret;
import com.fieldops.platform.security.TokenIssuer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** HTTP calls as a given user of a given organisation, answers as JSON trees. */
public final class Api {

    public static final String SECRET = "fieldops-test-secret-0123456789abcdefghij";
    /** FIELDOPS_ENCRYPTION_KEY of the tests: base64 of 32 bytes. */
    public static final String ENCRYPTION_KEY = "ZmllbGRvcHMtdGVzdC1lbmNyeXB0aW9uLWtleS0zMmI=";
    private static final TokenIssuer ISSUER = new TokenIssuer(new JwtSecret(SECRET, false));

    private final TestRestTemplate http;

    public Api(TestRestTemplate http) {
        this.http = http;
    }

    /** A user of an organisation; tokens are minted as the frontend's identity provider would. */
    public record User(UUID id, UUID orgId, AppRole role, UUID teamId, String name) {
        public String token() {
            return ISSUER.issue(new TokenIssuer.Subject(id, orgId, role, teamId, id + "@test.example", name),
                    Duration.ofMinutes(30));
        }
    }

    public static User user(UUID orgId, AppRole role, String name) {
        return new User(UUID.randomUUID(), orgId, role, null, name);
    }

    public ResponseEntity<JsonNode> get(User user, String path) {
        return call(user, HttpMethod.GET, path, null, null);
    }

    /** The body of a GET exactly as sent, e.g. to see the scale of money (a JSON tree normalises numbers). */
    public String getText(User user, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(user.token());
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class).getBody();
    }

    public ResponseEntity<JsonNode> post(User user, String path, Object body) {
        return call(user, HttpMethod.POST, path, body, MediaType.APPLICATION_JSON);
    }

    public ResponseEntity<JsonNode> put(User user, String path, Object body) {
        return call(user, HttpMethod.PUT, path, body, MediaType.APPLICATION_JSON);
    }

    public ResponseEntity<JsonNode> delete(User user, String path) {
        return call(user, HttpMethod.DELETE, path, null, null);
    }

    public ResponseEntity<JsonNode> call(User user, HttpMethod method, String path, Object body, MediaType type) {
        return exchange(user == null ? null : user.token(), method, path, body, type);
    }

    public ResponseEntity<JsonNode> exchange(String token, HttpMethod method, String path, Object body,
                                             MediaType type) {
        HttpHeaders headers = new HttpHeaders();
        if (token != null) headers.setBearerAuth(token);
        if (type != null) headers.setContentType(type);
        return http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
    }

    /** A draft timesheet through the API: {@code hours} of {@code activityTypeId} on {@code day}; its id. */
    public String logTimesheet(User user, String activityTypeId, LocalDate day, String hours) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job_id", UUID.randomUUID().toString());
        body.put("activity_type_id", activityTypeId);
        body.put("work_date", day.toString());
        body.put("hours", new BigDecimal(hours));
        return post(user, "/api/timesheets", body).getBody().get("id").asText();
    }
}
