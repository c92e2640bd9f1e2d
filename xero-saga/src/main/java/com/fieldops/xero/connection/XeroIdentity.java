package com.fieldops.xero.connection;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fieldops.xero.XeroSettings;
import com.fieldops.xero.XeroUnavailable;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.List;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Xero's identity service over HTTP (Spring's RestClient; xero-java's IdentityApi adds nothing here): the token
 * endpoint for every grant, revocation, and {@code /Connections} (the tenants a token reaches).
 */
@Component
class XeroIdentity {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final XeroSettings settings;
    private final RestClient http;

    XeroIdentity(XeroSettings settings, RestClient.Builder builder) {
        this.settings = settings;
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(settings.timeout());
        requests.setReadTimeout(settings.timeout());
        this.http = builder.requestFactory(requests).build();
    }

    /** The token endpoint's answer; {@code refreshToken} only for the code flow (offline_access). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Tokens(@JsonProperty("access_token") String accessToken,
                  @JsonProperty("refresh_token") String refreshToken,
                  @JsonProperty("expires_in") long expiresIn) {

        @Override
        public String toString() {
            return "Tokens[<secret>, expiresIn=" + expiresIn + "]";
        }
    }

    /** One entry of GET /Connections. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Tenant(String tenantId, String tenantName, String tenantType, LocalDateTime updatedDateUtc) {
    }

    /** Xero's token endpoint refused the grant or the client (invalid_grant, invalid_client, ...). */
    static class GrantRejected extends RuntimeException {
        private final String error;

        GrantRejected(String error) {
            super("Xero refused the grant: " + error);
            this.error = error;
        }

        String error() {
            return error;
        }
    }

    Tokens clientCredentials(String clientId, String clientSecret) {
        return token(clientId, clientSecret, form("grant_type", "client_credentials"));
    }

    Tokens authorizationCode(String code) {
        MultiValueMap<String, String> form = form("grant_type", "authorization_code");
        form.add("code", code);
        form.add("redirect_uri", settings.redirectUri());
        return token(settings.clientId(), settings.clientSecret(), form);
    }

    Tokens refresh(String refreshToken) {
        MultiValueMap<String, String> form = form("grant_type", "refresh_token");
        form.add("refresh_token", refreshToken);
        return token(settings.clientId(), settings.clientSecret(), form);
    }

    /** Revokes a refresh token and the access tokens made from it (RFC 7009; an unknown token is not an error). */
    void revoke(String refreshToken) {
        try {
            http.post().uri(settings.identityUrl() + "/connect/revocation")
                    .headers(headers -> headers.setBasicAuth(settings.clientId(), settings.clientSecret()))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(form("token", refreshToken))
                    .retrieve().toBodilessEntity();
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().is5xxServerError()) throw unavailable("revocation", e);
            // a 4xx: the token is dead already, which is what revoking wants
        } catch (RestClientException e) {
            throw unavailable("revocation", e);
        }
    }

    List<Tenant> connections(String accessToken) {
        try {
            List<Tenant> tenants = http.get().uri(settings.apiUrl() + "/Connections")
                    .headers(headers -> headers.setBearerAuth(accessToken))
                    .accept(MediaType.APPLICATION_JSON)
                    .retrieve().body(new ParameterizedTypeReference<List<Tenant>>() { });
            return tenants == null ? List.of() : tenants;
        } catch (RestClientException e) {
            throw unavailable("/Connections", e);
        }
    }

    private Tokens token(String clientId, String clientSecret, MultiValueMap<String, String> form) {
        try {
            Tokens tokens = http.post().uri(settings.identityUrl() + "/connect/token")
                    .headers(headers -> headers.setBasicAuth(clientId, clientSecret))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(form)
                    .retrieve()
                    .onStatus(HttpStatusCode::is4xxClientError, (request, response) -> {
                        throw new GrantRejected(oauthError(response.getBody().readAllBytes()));
                    })
                    .body(Tokens.class);
            if (tokens == null || tokens.accessToken() == null) throw new GrantRejected("no access token");
            return tokens;
        } catch (GrantRejected e) {
            throw e;
        } catch (RestClientException e) {
            throw unavailable("the token endpoint", e);
        }
    }

    /** The OAuth {@code error} of a refusal ({@code {"error":"invalid_grant"}}), else a generic name. */
    private static String oauthError(byte[] body) {
        try {
            String error = JSON.readTree(body).path("error").asText("");
            return error.matches("[a-z_]{1,64}") ? error : "refused";
        } catch (IOException e) {
            return "refused";
        }
    }

    private static MultiValueMap<String, String> form(String key, String value) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add(key, value);
        return form;
    }

    private static XeroUnavailable unavailable(String what, Exception e) {
        // the message of a RestClientException may quote the response; keep only the status or exception type
        String reason = e instanceof RestClientResponseException response
                ? "HTTP " + response.getStatusCode().value() : e.getClass().getSimpleName();
        return new XeroUnavailable("Xero's " + what + " did not answer (" + reason + ")", null);
    }
}
