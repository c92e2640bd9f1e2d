package com.fieldops.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fieldops.embedded.EmbeddedKafkaBroker;
import com.fieldops.embedded.TestInfrastructure;
import com.fieldops.embedded.TestInfrastructureInitializer;
import com.fieldops.platform.security.AppRole;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * Kafka goes down while commands keep coming: the commands are accepted (the event store is the source of truth),
 * the publisher stops instead of skipping, and once the broker is back every event reaches the read model. Runs on a
 * broker and a database of its own, so stopping the broker disturbs no other test.
 */
@SpringBootTest(classes = FieldOpsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"fieldops.embedded.enabled=false", "fieldops.jwt.secret=" + Api.SECRET,
                "fieldops.encryption-key=" + Api.ENCRYPTION_KEY, "fieldops.read-your-writes.timeout=1s"})
@ContextConfiguration(initializers = {TestInfrastructureInitializer.class, KafkaOutageTest.OwnBrokerAndDatabase.class})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class KafkaOutageTest {

    private static Path brokerDir;
    private static int brokerPort;
    private static EmbeddedKafkaBroker broker;
    private static String database;

    /** A broker that this test may stop, and a database whose event store and tokens no other context shares. */
    static class OwnBrokerAndDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            try {
                brokerDir = Files.createTempDirectory("fieldops-outage-kafka");
                try (ServerSocket socket = new ServerSocket(0)) {
                    brokerPort = socket.getLocalPort();
                }
                broker = EmbeddedKafkaBroker.start(brokerDir, brokerPort);
                database = "fieldops_outage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                execute("create database " + database);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        execute("drop database if exists " + database + " with (force)");
                    } catch (Exception ignored) {
                        // a leftover test database harms nothing
                    }
                }));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            String url = TestInfrastructure.jdbcUrl();
            TestPropertyValues.of(
                    "spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                    "spring.datasource.url=" + url.substring(0, url.lastIndexOf('/') + 1) + database)
                    .applyTo(context.getEnvironment(), TestPropertyValues.Type.MAP, "outage-test");
        }
    }

    private static void execute(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(TestInfrastructure.jdbcUrl(),
                TestInfrastructure.username(), TestInfrastructure.password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) broker.close();
    }

    @Autowired
    TestRestTemplate rest;

    @Test
    void commandsDuringAnOutageReachTheReadModelOnceKafkaIsBack() {
        Api api = new Api(rest);
        Api.User admin = Api.user(UUID.randomUUID(), AppRole.ADMIN, "Ada");
        JsonNode before = api.post(admin, "/api/activity-types", Map.of("name", "Before", "hourly_rate", 10)).getBody();
        // this context's consumer may still be joining its group: the 1 s read-your-writes bound can pass first
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                api.get(admin, "/api/activity-types/" + before.get("id").asText()).getStatusCode())
                .isEqualTo(HttpStatus.OK));

        broker.close();
        ResponseEntity<JsonNode> during = api.post(admin, "/api/activity-types",
                Map.of("name", "During", "hourly_rate", 20));
        assertThat(during.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String duringId = during.getBody().get("id").asText();
        assertThat(api.put(admin, "/api/activity-types/" + before.get("id").asText(), Map.of("hourly_rate", 11))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(api.get(admin, "/api/activity-types/" + duringId).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        broker = EmbeddedKafkaBroker.start(brokerDir, brokerPort);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(api.get(admin, "/api/activity-types/" + duringId).getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(api.get(admin, "/api/activity-types/" + before.get("id").asText()).getBody()
                    .get("hourly_rate").decimalValue()).isEqualByComparingTo("11");
        });
        assertThat(api.get(admin, "/api/activity-types").getBody()).hasSize(2);
    }
}
