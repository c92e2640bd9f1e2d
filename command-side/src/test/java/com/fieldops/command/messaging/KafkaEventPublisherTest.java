package com.fieldops.command.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fieldops.command.CommandSideApplication;
import com.fieldops.embedded.TestInfrastructure;
import com.fieldops.embedded.TestInfrastructureInitializer;
import com.fieldops.events.CloudEvent;
import com.fieldops.events.CloudEventCodec;
import com.fieldops.events.Topics;
import com.fieldops.platform.security.AppRole;
import com.fieldops.platform.security.JwtSecret;
import com.fieldops.platform.security.TokenIssuer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * The command side alone against real PostgreSQL and Kafka: commands land in the event store (BYTEA payloads,
 * gap-free global index) and every event reaches fieldops.events as a CloudEvent keyed by aggregate id.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"fieldops.jwt.secret=" + KafkaEventPublisherTest.SECRET, "fieldops.read-your-writes.timeout=0s",
                "fieldops.encryption-key=ZmllbGRvcHMtdGVzdC1lbmNyeXB0aW9uLWtleS0zMmI="})
@ContextConfiguration(initializers = TestInfrastructureInitializer.class)
class KafkaEventPublisherTest {

    static final String SECRET = "command-side-test-secret-0123456789abcdef";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;

    @Test
    void everyEventIsPublishedAsACloudEventKeyedByAggregate() {
        UUID org = UUID.randomUUID();
        UUID admin = UUID.randomUUID();
        String token = new TokenIssuer(new JwtSecret(SECRET, false)).issue(new TokenIssuer.Subject(admin, org,
                AppRole.ADMIN, null, "a@x.test", "Ada Admin"), Duration.ofMinutes(5));
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<Map> created = http.exchange("/api/activity-types", HttpMethod.POST, new HttpEntity<>(
                Map.of("name", "Electrical", "hourly_rate", 95.5), headers), Map.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = (String) created.getBody().get("id");
        ResponseEntity<Map> updated = http.exchange("/api/activity-types/" + id, HttpMethod.PUT, new HttpEntity<>(
                Map.of("hourly_rate", 99), headers), Map.class);
        assertThat(updated.getStatusCode()).isEqualTo(HttpStatus.OK);

        List<CloudEvent> events = consume(id, 2);
        assertThat(events).extracting(CloudEvent::type)
                .containsExactly("fieldops.activity-type.created.v1", "fieldops.activity-type.updated.v1");
        assertThat(events).extracting(CloudEvent::sequence).containsExactly(0L, 1L);
        assertThat(events).allSatisfy(event -> {
            assertThat(event.orgid()).isEqualTo(org.toString());
            assertThat(event.actorid()).isEqualTo(admin.toString());
            assertThat(event.actorname()).isEqualTo("Ada Admin");
            assertThat(event.source()).isEqualTo("/fieldops/command-side");
            assertThat(event.position()).isPositive();
        });
        assertThat(events.get(1).data().toString()).contains("\"hourly_rate\":{\"old\":95.50,\"new\":99.00}");

        // storage traps: bytea payloads, and a global index sequence that steps by one
        assertThat(jdbc.sql("select data_type from information_schema.columns where table_name = "
                + "'domain_event_entry' and column_name = 'payload'").query(String.class).single()).isEqualTo("bytea");
        assertThat(jdbc.sql("select increment_by from pg_sequences where sequencename = 'domain_event_entry_seq'")
                .query(Long.class).single()).isEqualTo(1L);
        List<Long> positions = jdbc.sql("select global_index from domain_event_entry where aggregate_identifier = ? "
                + "order by sequence_number").param(id).query(Long.class).list();
        assertThat(events).extracting(CloudEvent::position).containsExactlyElementsOf(positions);
    }

    private static List<CloudEvent> consume(String key, int expected) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<CloudEvent> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.EVENTS));
            long deadline = System.currentTimeMillis() + 30_000;
            while (found.size() < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) found.add(CloudEventCodec.parse(record.value()));
                }
            }
        }
        return found;
    }
}
