package com.fieldops.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fieldops.events.Change;
import com.fieldops.events.CloudEvent;
import com.fieldops.events.CloudEventCodec;
import com.fieldops.events.Topics;
import com.fieldops.events.activitytype.ActivityTypeCreated;
import com.fieldops.events.activitytype.ActivityTypeDisabled;
import com.fieldops.events.activitytype.ActivityTypeEnabled;
import com.fieldops.events.activitytype.ActivityTypeUpdated;
import com.fieldops.events.activitytype.ActivityTypesImported;
import com.fieldops.query.QuerySideTest;
import com.fieldops.query.activitytype.ActivityTypeProjection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

/** Events produced to fieldops.events the way the command side publishes them, consumed by the real listener. */
@QuerySideTest
class ProjectionOverKafkaTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String SOURCE = "/fieldops/command-side";

    @Autowired KafkaTemplate<String, byte[]> kafka;
    @Autowired JdbcClient jdbc;
    @Autowired MeterRegistry meters;
    @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers;
    @Value("${fieldops.query.consumer-group}") String consumerGroup;

    private final UUID org = UUID.randomUUID();
    private final UUID actor = UUID.randomUUID();

    @Test
    void eventsAreAppliedInOrderAndARedeliveredEventChangesNothing() throws Exception {
        UUID id = UUID.randomUUID();
        Instant t0 = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
        Instant t1 = t0.plusSeconds(1);
        Instant t2 = t0.plusSeconds(2);
        ActivityTypeCreated created = new ActivityTypeCreated(id, org, "Electrical", new BigDecimal("95.50"),
                "Wiring", null, false, true);
        ActivityTypeUpdated renamed = new ActivityTypeUpdated(id, org, Change.of("Electrical", "Electrics"),
                Change.of(new BigDecimal("95.50"), new BigDecimal("99.00")), null, null);
        ActivityTypeUpdated described = new ActivityTypeUpdated(id, org, null, null,
                Change.of("Wiring", null), Change.of(null, "ELEC-01"));

        send(id, created, 0, t0);
        send(id, renamed, 1, t1);
        send(id, described, 2, t2);

        Map<String, Object> row = awaitRow(id, 2);
        assertThat(row).containsEntry("org_id", org).containsEntry("name", "Electrics")
                .containsEntry("hourly_rate", new BigDecimal("99.00")).containsEntry("xero_code", "ELEC-01")
                .containsEntry("xero_managed", false).containsEntry("enabled", true);
        assertThat(row.get("description")).as("cleared by the change to null").isNull();
        assertThat(instant(row, "created_at")).isEqualTo(t0);
        assertThat(instant(row, "updated_at")).isEqualTo(t2);

        // redeliveries of older events, the create with other values among them, once the consumer is past them
        RecordMetadata last = send(id, renamed, 1, t1.plusSeconds(60));
        send(id, new ActivityTypeCreated(id, org, "Plumbing", BigDecimal.ONE, null, null, true, false), 0, t0);
        RecordMetadata oldCreate = send(id, created, 0, t0);
        assertThat(oldCreate.partition()).as("one aggregate, one partition").isEqualTo(last.partition());
        awaitConsumed(oldCreate);
        assertThat(readRow(id)).contains(row);

        send(id, new ActivityTypeDisabled(id, org), 3, t2.plusSeconds(1));
        assertThat(awaitRow(id, 3)).containsEntry("enabled", false).containsEntry("name", "Electrics");
        send(id, new ActivityTypeEnabled(id, org), 4, t2.plusSeconds(2));
        assertThat(awaitRow(id, 4)).containsEntry("enabled", true);
        assertThat(instant(readRow(id).orElseThrow(), "updated_at")).isEqualTo(t2.plusSeconds(2));

        double lag = meters.get(ProjectionMetrics.LAG).tag("projection", ActivityTypeProjection.NAME).gauge().value();
        assertThat(lag).as("seconds since the last applied event's time").isBetween(0.0, 120.0);
        assertThat(meters.find("kafka.consumer.fetch.manager.records.lag.max").gauges())
                .as("Kafka's consumer lag, from the client's metrics").isNotEmpty();
    }

    @Test
    void anImportSummaryIsAcknowledgedWithoutTouchingTheReadModel() throws Exception {
        UUID importId = UUID.randomUUID();
        RecordMetadata sent = send(importId, new ActivityTypesImported(importId, org, "create", 3, 3, 0, 0), 0,
                Instant.now());
        awaitConsumed(sent);
        assertThat(jdbc.sql("select count(*) from activity_types where org_id = ?").param(org)
                .query(Long.class).single()).isZero();
    }

    @Test
    void poisonMessagesGoToTheDeadLetterTopicWithTheirReasonAndTheConsumerCarriesOn() throws Exception {
        double deadLettersBefore = deadLetters();
        String notJson = "not-json-" + UUID.randomUUID();
        kafka.send(Topics.EVENTS, notJson, "this is { not JSON".getBytes(StandardCharsets.UTF_8)).get();

        String unknownType = "unknown-type-" + UUID.randomUUID();
        CloudEvent unknown = new CloudEvent("1.0", UUID.randomUUID().toString(), SOURCE, "fieldops.nope.v1",
                unknownType, Instant.now(), CloudEvent.JSON, org.toString(), null, null, 0L, null,
                JsonNodeFactory.instance.objectNode().put("org_id", org.toString()));
        kafka.send(Topics.EVENTS, unknownType, CloudEventCodec.toBytes(unknown)).get();

        UUID badDataId = UUID.randomUUID();
        CloudEvent badData = encode(badDataId, new ActivityTypeCreated(badDataId, org, "Bad", new BigDecimal("10.00"),
                null, null, false, true), 0, Instant.now());
        ((ObjectNode) badData.data()).put("hourly_rate", -5).remove("name");
        kafka.send(Topics.EVENTS, badDataId.toString(), CloudEventCodec.toBytes(badData)).get();

        UUID neverCreated = UUID.randomUUID();
        send(neverCreated, new ActivityTypeDisabled(neverCreated, org), 1, Instant.now());

        Map<String, ConsumerRecord<String, byte[]>> dead = awaitDeadLetters(
                Set.of(notJson, unknownType, badDataId.toString(), neverCreated.toString()));
        assertThat(header(dead.get(notJson), "kafka_dlt-exception-message")).contains("not a CloudEvent in JSON");
        assertThat(new String(dead.get(notJson).value(), StandardCharsets.UTF_8)).isEqualTo("this is { not JSON");
        assertThat(header(dead.get(notJson), "kafka_dlt-original-topic")).isEqualTo(Topics.EVENTS);
        assertThat(header(dead.get(notJson), "kafka_dlt-exception-fqcn")).isNotBlank();
        assertThat(header(dead.get(unknownType), "kafka_dlt-exception-message"))
                .contains("unknown event type fieldops.nope.v1");
        assertThat(header(dead.get(badDataId.toString()), "kafka_dlt-exception-message"))
                .contains("violates its schema", "name", "hourly_rate");
        assertThat(header(dead.get(neverCreated.toString()), "kafka_dlt-exception-message"))
                .contains("activity type " + neverCreated + " is not in the read model");

        // the consumer is not stuck behind them
        UUID good = UUID.randomUUID();
        send(good, new ActivityTypeCreated(good, org, "After the poison", new BigDecimal("12.30"), null, null,
                false, true), 0, Instant.now());
        assertThat(awaitRow(good, 0)).containsEntry("name", "After the poison");
        assertThat(readRow(badDataId)).as("nothing of a dead-lettered event is applied").isEmpty();
        assertThat(deadLetters() - deadLettersBefore).isEqualTo(4.0);
    }

    private RecordMetadata send(UUID aggregate, Object event, long sequence, Instant time) throws Exception {
        return kafka.send(Topics.EVENTS, aggregate.toString(),
                CloudEventCodec.toBytes(encode(aggregate, event, sequence, time))).get().getRecordMetadata();
    }

    private CloudEvent encode(UUID aggregate, Object event, long sequence, Instant time) {
        return CloudEventCodec.encode(event, new CloudEventCodec.Envelope(UUID.randomUUID(), SOURCE,
                aggregate.toString(), time, org, actor, "Jane Smith", sequence, null));
    }

    private Map<String, Object> awaitRow(UUID id, long version) {
        return await().atMost(TIMEOUT).until(() -> readRow(id),
                row -> row.isPresent() && ((Number) row.get().get("version")).longValue() == version).orElseThrow();
    }

    private Optional<Map<String, Object>> readRow(UUID id) {
        return jdbc.sql("select * from activity_types where id = ?").param(id).query().listOfRows().stream()
                .findFirst();
    }

    /** Waits until the projections' consumer group has committed an offset past {@code record}. */
    private void awaitConsumed(RecordMetadata record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            await().atMost(TIMEOUT).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(consumerGroup)
                        .partitionsToOffsetAndMetadata().get().get(partition);
                return committed != null && committed.offset() > record.offset();
            });
        }
    }

    /** Reads fieldops.events.DLT from the start (no consumer group) until every key has been seen. */
    private Map<String, ConsumerRecord<String, byte[]>> awaitDeadLetters(Set<String> keys) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, ConsumerRecord<String, byte[]>> found = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS_DLT).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(TIMEOUT).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (keys.contains(record.key())) found.put(record.key(), record);
                });
                return found.keySet().containsAll(keys);
            });
        }
        return found;
    }

    private double deadLetters() {
        return meters.find(ProjectionMetrics.DEAD_LETTERS).counters().stream().mapToDouble(Counter::count).sum();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header " + name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Instant instant(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value instanceof OffsetDateTime time ? time.toInstant()
                : ((java.sql.Timestamp) value).toInstant().atOffset(ZoneOffset.UTC).toInstant();
    }
}
