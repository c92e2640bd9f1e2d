package com.fieldops.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fieldops.platform.security.AppRole;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Probes on the public port, metrics only on the management port. */
@FieldOpsTest
class OperationsTest {

    @Autowired
    TestRestTemplate rest;
    @LocalManagementPort
    int managementPort;

    @Test
    void livenessAndReadinessCoverPostgresAndKafka() {
        assertThat(rest.getForEntity("/livez", JsonNode.class).getBody().get("status").asText()).isEqualTo("UP");
        assertThat(rest.getForEntity("/readyz", JsonNode.class).getBody().get("status").asText()).isEqualTo("UP");
        JsonNode readiness = rest.getForObject("http://127.0.0.1:" + managementPort + "/actuator/health/readiness",
                JsonNode.class);
        assertThat(readiness.get("components").get("db").get("status").asText()).isEqualTo("UP");
        assertThat(readiness.get("components").get("kafka").get("status").asText()).isEqualTo("UP");
    }

    @Test
    void prometheusShowsProjectionLagOnTheManagementPortOnly() {
        Api api = new Api(rest);
        Api.User admin = Api.user(UUID.randomUUID(), AppRole.ADMIN, "Ada");
        assertThat(api.post(admin, "/api/activity-types", Map.of("name", "Metered", "hourly_rate", 1))
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String metrics = rest.getForObject("http://127.0.0.1:" + managementPort + "/actuator/prometheus", String.class);
        assertThat(metrics).contains("fieldops_projection_lag_seconds{", "projection=\"activity_types\"",
                "kafka_consumer_fetch_manager_records_lag_max", "http_server_requests_seconds");
        ResponseEntity<String> publicPort = rest.getForEntity("/actuator/prometheus", String.class);
        assertThat(publicPort.getStatusCode().is2xxSuccessful()).isFalse();
    }
}
