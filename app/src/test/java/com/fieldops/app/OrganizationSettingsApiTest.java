package com.fieldops.app;

import static com.fieldops.app.ActivityTypeApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fieldops.platform.security.AppRole;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

@FieldOpsTest
class OrganizationSettingsApiTest {

    private static final String PATH = "/api/organization/settings";

    @Autowired
    TestRestTemplate rest;

    @Test
    void defaultsUntilAnAdminSetsThemThenReadYourWrite() {
        Api api = new Api(rest);
        UUID org = UUID.randomUUID();
        Api.User admin = Api.user(org, AppRole.ADMIN, "Ada");
        Api.User technician = Api.user(org, AppRole.TECHNICIAN, "Tess");
        JsonNode defaults = api.get(technician, PATH).getBody();
        assertThat(defaults.get("timezone").asText()).isEqualTo("UTC");
        assertThat(defaults.get("currency").isNull()).isTrue();

        ResponseEntity<JsonNode> set = api.put(admin, PATH, Map.of("timezone", "Pacific/Auckland"));
        assertThat(set.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(set.getBody().get("timezone").asText()).isEqualTo("Pacific/Auckland");
        assertThat(api.get(technician, PATH).getBody()).isEqualTo(set.getBody());

        JsonNode both = api.put(admin, PATH, Map.of("currency", "NZD")).getBody();
        assertThat(both.get("timezone").asText()).isEqualTo("Pacific/Auckland");
        assertThat(both.get("currency").asText()).isEqualTo("NZD");
        assertThat(api.get(technician, PATH).getBody()).isEqualTo(both);
        // another organisation still runs on the defaults
        assertThat(api.get(Api.user(UUID.randomUUID(), AppRole.ADMIN, "Other"), PATH).getBody().get("timezone")
                .asText()).isEqualTo("UTC");
    }

    @Test
    void badSettingsAndWrongRolesChangeNothing() {
        Api api = new Api(rest);
        UUID org = UUID.randomUUID();
        Api.User admin = Api.user(org, AppRole.ADMIN, "Ada");
        assertProblem(api.put(admin, PATH, Map.of("timezone", "Mars/Olympus")), HttpStatus.BAD_REQUEST);
        assertProblem(api.put(admin, PATH, Map.of("currency", "nzd")), HttpStatus.BAD_REQUEST);
        assertProblem(api.put(admin, PATH, Map.of()), HttpStatus.BAD_REQUEST);
        assertProblem(api.put(admin, PATH, Map.of("timezone", "UTC", "colour", "red")), HttpStatus.BAD_REQUEST);
        for (AppRole role : new AppRole[] {AppRole.MANAGER, AppRole.TECHNICIAN, AppRole.ANALYST, AppRole.SERVICE}) {
            assertProblem(api.put(Api.user(org, role, "X"), PATH, Map.of("timezone", "Europe/Berlin")),
                    HttpStatus.FORBIDDEN);
        }
        assertThat(api.get(admin, PATH).getBody().get("timezone").asText()).isEqualTo("UTC");
    }
}
