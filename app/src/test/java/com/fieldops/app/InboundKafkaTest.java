package com.fieldops.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fieldops.app.InboundHttpTest.Facts;
import com.fieldops.embedded.TestInfrastructure;
import com.fieldops.events.CloudEvent;
import com.fieldops.events.Topics;
import com.fieldops.platform.security.AppRole;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The inbound contract over Kafka: internal services produce CloudEvents to fieldops.inbound; valid facts become
 * events in the event store (and so on fieldops.events), everything else lands on fieldops.inbound.DLT with its
 * reason, and the consumer carries on.
 */
@FieldOpsTest
class InboundKafkaTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcClient jdbc;

    UUID org;
    Facts facts;
    KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void setUp() {
        org = UUID.randomUUID();
        facts = new Facts(org);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void tearDown() {
        producer.close();
    }

    private void produce(String key, ObjectNode event) throws Exception {
        produce(key, event.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void produce(String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(Topics.INBOUND, key, value)).get();
    }

    @Test
    void aValidEventOfEachTypeBecomesAnEventOnFieldopsEvents() throws Exception {
        UUID job = UUID.randomUUID();
        UUID project = UUID.randomUUID();
        UUID approvedSheet = UUID.randomUUID();
        UUID rejectedSheet = UUID.randomUUID();
        UUID tech = UUID.randomUUID();
        // services key by the aggregate, so one aggregate's facts stay in order
        produce(job.toString(), facts.jobCreated(job, tech));
        produce(job.toString(), facts.jobAssigned(job, UUID.randomUUID()));
        produce(job.toString(), facts.jobStatusChanged(job, "completed"));
        produce(project.toString(), facts.projectCreated(project, "Office fit-out"));
        produce(project.toString(), facts.projectUpdated(project, "Office fit-out, phase 2"));
        produce(approvedSheet.toString(), facts.timesheet("submitted", approvedSheet, tech));
        produce(approvedSheet.toString(), facts.timesheet("approved", approvedSheet, tech));
        produce(rejectedSheet.toString(), facts.timesheet("submitted", rejectedSheet, tech));
        produce(rejectedSheet.toString(), facts.timesheet("rejected", rejectedSheet, tech));

        Map<String, List<CloudEvent>> published = Facts.awaitPublished(Map.of(job.toString(), 3,
                project.toString(), 2, approvedSheet.toString(), 2, rejectedSheet.toString(), 2));
        assertThat(published.get(job.toString())).extracting(CloudEvent::type).containsExactly(
                "fieldops.job.created.v1", "fieldops.job.assigned.v1", "fieldops.job.status-changed.v1");
        assertThat(published.get(project.toString())).extracting(CloudEvent::type)
                .containsExactly("fieldops.project.created.v1", "fieldops.project.updated.v1");
        assertThat(published.get(approvedSheet.toString())).extracting(CloudEvent::type)
                .containsExactly("fieldops.timesheet.submitted.v1", "fieldops.timesheet.approved.v1");
        assertThat(published.get(rejectedSheet.toString())).extracting(CloudEvent::type)
                .containsExactly("fieldops.timesheet.submitted.v1", "fieldops.timesheet.rejected.v1");
        published.values().stream().flatMap(List::stream).forEach(event -> {
            assertThat(event.orgid()).isEqualTo(org.toString());
            assertThat(event.actorid()).as("no user behind a Kafka fact").isNull();
            assertThat(event.actorname()).isEqualTo(Facts.SOURCE);
            assertThat(event.position()).isPositive();
            assertThat(event.sequence()).isNotNull();
        });
        assertThat(published.get(rejectedSheet.toString()).get(1).data().get("rejected_reason").asText())
                .isEqualTo("wrong job");
    }

    @Test
    void aDuplicateChangesNothing() throws Exception {
        UUID job = UUID.randomUUID();
        ObjectNode created = facts.jobCreated(job, UUID.randomUUID());
        produce(job.toString(), created);
        produce(job.toString(), created);
        // the same fact under a new CloudEvent id is accepted and adds nothing either
        produce(job.toString(), created.deepCopy().put("id", UUID.randomUUID().toString()));
        ObjectNode status = facts.jobStatusChanged(job, "in_progress");
        produce(job.toString(), status);
        produce(job.toString(), status);
        ObjectNode last = facts.jobStatusChanged(job, "completed");
        produce(job.toString(), last);

        // same key, same partition: once the last is in, the duplicates before it have been dealt with
        Awaitility.await().atMost(Facts.TIMEOUT).until(() -> received(last) == 1);
        assertThat(Facts.storedEvents(jdbc, job)).isEqualTo(3);
        assertThat(Facts.awaitPublished(Map.of(job.toString(), 3)).get(job.toString())).extracting(CloudEvent::type)
                .containsExactly("fieldops.job.created.v1", "fieldops.job.status-changed.v1",
                        "fieldops.job.status-changed.v1");
        assertThat(jdbc.sql("select count(*) from inbound_received where org_id = ?").param(org).query(Long.class)
                .single()).isEqualTo(4);
    }

    @Test
    void whatCannotBeAppliedGoesToTheDeadLetterTopicWithItsReasonAndTheConsumerCarriesOn() throws Exception {
        String malformed = "malformed-" + UUID.randomUUID();
        produce(malformed, "{\"specversion\":\"1.0\",".getBytes(StandardCharsets.UTF_8));

        String missingOrg = "missing-orgid-" + UUID.randomUUID();
        ObjectNode noOrg = facts.jobCreated(UUID.randomUUID(), UUID.randomUUID());
        noOrg.remove("orgid");
        produce(missingOrg, noOrg);

        String unknownType = "unknown-type-" + UUID.randomUUID();
        produce(unknownType, facts.jobCreated(UUID.randomUUID(), UUID.randomUUID())
                .put("type", "fieldops.activity-type.created.v1"));

        String schemaViolation = "schema-" + UUID.randomUUID();
        UUID badJob = UUID.randomUUID();
        ObjectNode bad = facts.jobStatusChanged(badJob, "done");
        ((ObjectNode) bad.get("data")).remove("changed_at");
        produce(schemaViolation, bad);

        String unknownJob = "unknown-job-" + UUID.randomUUID();
        UUID neverCreated = UUID.randomUUID();
        produce(unknownJob, facts.jobAssigned(neverCreated, UUID.randomUUID()));

        Api api = new Api(rest);
        Api.User tech = Api.user(org, AppRole.TECHNICIAN, "Jane Smith");
        String draft = Facts.draftTimesheet(api, Api.user(org, AppRole.ADMIN, "Ada Admin"), tech);
        String approvedWhileDraft = "approved-while-draft-" + UUID.randomUUID();
        produce(approvedWhileDraft, facts.timesheet("approved", UUID.fromString(draft), tech.id()));

        // the consumer is not stuck behind them
        UUID after = UUID.randomUUID();
        ObjectNode good = facts.jobCreated(after, UUID.randomUUID());
        produce(after.toString(), good);

        Map<String, ConsumerRecord<String, byte[]>> dead = awaitDeadLetters(Set.of(malformed, missingOrg, unknownType,
                schemaViolation, unknownJob, approvedWhileDraft));
        assertThat(reason(dead.get(malformed))).contains("not a CloudEvent in JSON");
        assertThat(new String(dead.get(malformed).value(), StandardCharsets.UTF_8))
                .as("the value is kept as it was").isEqualTo("{\"specversion\":\"1.0\",");
        assertThat(header(dead.get(malformed), "kafka_dlt-original-topic")).isEqualTo(Topics.INBOUND);
        assertThat(reason(dead.get(missingOrg))).contains("orgid: is required");
        assertThat(reason(dead.get(unknownType))).contains("unknown event type fieldops.activity-type.created.v1");
        assertThat(reason(dead.get(schemaViolation))).contains("data.status", "data.changed_at: is required");
        assertThat(reason(dead.get(unknownJob))).contains("job " + neverCreated + " is not known");
        assertThat(header(dead.get(unknownJob), "kafka_dlt-exception-fqcn")).isNotBlank();
        assertThat(reason(dead.get(approvedWhileDraft))).contains("a draft timesheet cannot be approved");

        Awaitility.await().atMost(Facts.TIMEOUT).until(() -> Facts.storedEvents(jdbc, after) == 1);
        assertThat(Facts.storedEvents(jdbc, neverCreated)).isZero();
        assertThat(Facts.storedEvents(jdbc, badJob)).isZero();
        assertThat(Facts.storedEvents(jdbc, UUID.fromString(draft))).as("still the draft alone").isEqualTo(1);
        assertThat(received(good)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from inbound_received where org_id = ?").param(org).query(Long.class)
                .single()).as("only the good one was received").isEqualTo(1);
    }

    private long received(ObjectNode event) {
        return jdbc.sql("select count(*) from inbound_received where source = ? and event_id = ?")
                .params(event.get("source").asText(), event.get("id").asText()).query(Long.class).single();
    }

    /** Reads fieldops.inbound.DLT from the start (no consumer group) until every key has been seen. */
    private static Map<String, ConsumerRecord<String, byte[]>> awaitDeadLetters(Set<String> keys) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.bootstrapServers(), ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, ConsumerRecord<String, byte[]>> found = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = Facts.partitions(consumer, Topics.INBOUND_DLT);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Awaitility.await().atMost(Facts.TIMEOUT).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (keys.contains(record.key())) found.put(record.key(), record);
                });
                return found.keySet().containsAll(keys);
            });
        }
        return found;
    }

    private static String reason(ConsumerRecord<?, ?> record) {
        return header(record, "kafka_dlt-exception-message");
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header " + name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
