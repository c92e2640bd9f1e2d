package com.fieldops.query.activitytype;

import static com.fieldops.query.TestData.bearer;
import static com.fieldops.query.TestData.insertActivityType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fieldops.platform.security.AppRole;
import com.fieldops.platform.security.JwtSecret;
import com.fieldops.platform.security.TokenIssuer;
import com.fieldops.query.QuerySideTest;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@QuerySideTest
class ActivityTypeQueryHttpTest {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired ObjectMapper json;

    private final UUID org = UUID.randomUUID();
    private final UUID otherOrg = UUID.randomUUID();
    private UUID electrical;
    private UUID disabled;
    private UUID foreign;
    private UUID foreignDisabled;
    private final List<UUID> ownIds = new ArrayList<>();

    @BeforeEach
    void priceLists() {
        // names chosen so that a case-sensitive sort (Delta before beta) would differ from the intended one
        electrical = insertActivityType(jdbc, org, "beta", "95.5", true);
        ownIds.add(electrical);
        ownIds.add(insertActivityType(jdbc, org, "Delta", "100", true));
        ownIds.add(insertActivityType(jdbc, org, "Alpha", "0", true));
        ownIds.add(insertActivityType(jdbc, org, "charlie", "12.34", true));
        disabled = insertActivityType(jdbc, org, "Echo (retired)", "50", false);
        ownIds.add(disabled);
        foreign = insertActivityType(jdbc, otherOrg, "Aardvark", "1", true);
        foreignDisabled = insertActivityType(jdbc, otherOrg, "Zulu", "1", false);
    }

    @Test
    void listsTheEnabledTypesOfTheCallersOrgByNameIgnoringCase() throws Exception {
        mvc.perform(get("/api/activity-types").header(HttpHeaders.AUTHORIZATION, bearer(org, AppRole.TECHNICIAN)))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$[*].name", contains("Alpha", "beta", "charlie", "Delta")));
    }

    @Test
    void rowsHaveTheBriefsSnakeCaseFieldsMoneyWithTwoDecimalsAndUtcTimes() throws Exception {
        String body = mvc.perform(get("/api/activity-types/{id}", electrical)
                        .header(HttpHeaders.AUTHORIZATION, bearer(org, AppRole.MANAGER)))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        JsonNode row = json.readTree(body);
        List<String> fields = new ArrayList<>();
        row.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("id", "name", "hourly_rate", "description", "xero_code",
                "xero_managed", "enabled", "created_at", "updated_at", "xero_push_error");
        assertThat(body).contains("\"hourly_rate\":95.50", "\"created_at\":\"2026-01-23T14:30:00Z\"",
                "\"updated_at\":\"2026-01-23T14:31:30Z\"", "\"xero_code\":null", "\"id\":\"" + electrical + "\"");
        assertThat(row.get("hourly_rate").isNumber()).isTrue();
        assertThat(row.get("enabled").asBoolean()).isTrue();
        assertThat(row.get("xero_managed").asBoolean()).isFalse();
    }

    @Test
    void anAdminMayIncludeDisabledTypesOthersGetOnlyEnabledOnes() throws Exception {
        list(AppRole.ADMIN, "true").andExpect(jsonPath("$[*].name", contains(
                "Alpha", "beta", "charlie", "Delta", "Echo (retired)")));
        list(AppRole.ADMIN, null).andExpect(jsonPath("$[*].name", not(hasItem("Echo (retired)"))));
        for (AppRole role : List.of(AppRole.TECHNICIAN, AppRole.MANAGER, AppRole.ANALYST, AppRole.SERVICE)) {
            list(role, "true").andExpect(status().isOk())
                    .andExpect(jsonPath("$[*].name", contains("Alpha", "beta", "charlie", "Delta")));
        }
    }

    @Test
    void aListNeverContainsAnotherOrganisationsRows() throws Exception {
        for (AppRole role : AppRole.values()) {
            String body = list(role, "true").andReturn().getResponse().getContentAsString();
            List<UUID> ids = new ArrayList<>();
            json.readTree(body).forEach(row -> ids.add(UUID.fromString(row.get("id").asText())));
            assertThat(ids).as(role.claim()).isNotEmpty().isSubsetOf(ownIds).doesNotContain(foreign, foreignDisabled);
        }
        mvc.perform(get("/api/activity-types").header(HttpHeaders.AUTHORIZATION, bearer(otherOrg, AppRole.ADMIN))
                        .param("include_disabled", "true"))
                .andExpect(jsonPath("$[*].name", contains("Aardvark", "Zulu")));
    }

    @Test
    void getsOneTypeDisabledOnesOnlyForAnAdmin() throws Exception {
        mvc.perform(get("/api/activity-types/{id}", electrical)
                        .header(HttpHeaders.AUTHORIZATION, bearer(org, AppRole.TECHNICIAN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("beta"));
        mvc.perform(get("/api/activity-types/{id}", disabled)
                        .header(HttpHeaders.AUTHORIZATION, bearer(org, AppRole.ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.enabled").value(false));
        notFound(disabled, AppRole.TECHNICIAN);
        notFound(disabled, AppRole.MANAGER);
    }

    @Test
    void anotherOrganisationsIdOrAnUnknownIdIsNotFound() throws Exception {
        notFound(foreign, AppRole.ADMIN);
        notFound(foreignDisabled, AppRole.ADMIN);
        notFound(UUID.randomUUID(), AppRole.ADMIN);
    }

    @Test
    void aMalformedIdOrFlagIsABadRequestProblem() throws Exception {
        mvc.perform(get("/api/activity-types/not-a-uuid").header(HttpHeaders.AUTHORIZATION, bearer(org, AppRole.ADMIN)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors[0].field").value("id"));
        list(AppRole.ADMIN, "maybe").andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void withoutAValidTokenItIsUnauthorizedAsAProblem() throws Exception {
        String expired = expiredToken();
        String foreignSigner = new TokenIssuer(new JwtSecret("another-secret-that-is-also-32-bytes-long", false))
                .issue(new TokenIssuer.Subject(UUID.randomUUID(), org, AppRole.ADMIN, null, "a@acme.test", "A"),
                        Duration.ofMinutes(10));
        List<String> authorizations = new ArrayList<>(List.of("Bearer " + expired, "Bearer " + foreignSigner,
                "Bearer not.a.jwt", "Basic YWRtaW46YWRtaW4="));
        authorizations.add(null);
        for (String path : List.of("/api/activity-types", "/api/activity-types/" + electrical)) {
            for (String authorization : authorizations) {
                var request = get(path);
                if (authorization != null) request.header(HttpHeaders.AUTHORIZATION, authorization);
                mvc.perform(request)
                        .andExpect(status().isUnauthorized())
                        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                        .andExpect(jsonPath("$.status").value(401))
                        .andExpect(jsonPath("$.title").value("Unauthorized"));
            }
        }
    }

    @Test
    void theOpenApiDocumentDescribesTheActivityTypeResource() throws Exception {
        String body = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        JsonNode api = json.readTree(body);
        List<String> properties = new ArrayList<>();
        api.at("/components/schemas/ActivityType/properties").fieldNames().forEachRemaining(properties::add);
        assertThat(properties).containsExactlyInAnyOrder("id", "name", "hourly_rate", "description", "xero_code",
                "xero_managed", "enabled", "created_at", "updated_at", "xero_push_error");
        JsonNode list = api.at("/paths/~1api~1activity-types/get");
        assertThat(list.at("/tags/0").asText()).isEqualTo("Activity types");
        List<String> responses = new ArrayList<>();
        api.at("/paths/~1api~1activity-types~1{id}/get/responses").fieldNames().forEachRemaining(responses::add);
        assertThat(responses).containsAll(Set.of("200", "400", "401", "403", "404"));
    }

    /** Well signed and well formed, but past its exp by more than the decoder's 60 s clock skew. */
    private String expiredToken() {
        Instant issued = Instant.now().minus(Duration.ofMinutes(20));
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .subject(UUID.randomUUID().toString())
                .issuedAt(issued)
                .expiresAt(issued.plus(Duration.ofMinutes(10)))
                .claim("role", "authenticated")
                .claim("app_metadata", Map.of("org_id", org.toString(), "role", "admin"))
                .build();
        return new NimbusJwtEncoder(new ImmutableSecret<>(
                new JwtSecret(QuerySideTest.JWT_SECRET, false).key()))
                .encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }

    private ResultActions list(AppRole role, String includeDisabled) throws Exception {
        var request = get("/api/activity-types").header(HttpHeaders.AUTHORIZATION, bearer(org, role));
        if (includeDisabled != null) request.param("include_disabled", includeDisabled);
        return mvc.perform(request);
    }

    private void notFound(UUID id, AppRole role) throws Exception {
        mvc.perform(get("/api/activity-types/{id}", id).header(HttpHeaders.AUTHORIZATION, bearer(org, role)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.detail").value("activity type " + id + " not found"));
    }
}
