package com.fieldops.query.projection;

import com.fieldops.events.CloudEvent;
import com.fieldops.events.CloudEventCodec;
import com.fieldops.events.EventCatalog;
import com.fieldops.events.EventSchemas;
import com.fieldops.events.FieldOpsEvent;
import com.fieldops.events.MalformedEventException;
import com.fieldops.events.Topics;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Feeds every event on fieldops.events to the projections. A poll's records are applied in one database
 * transaction (a 10,000-row import must not cost 10,000 commits); the container (ack mode BATCH, see
 * {@link ProjectionKafkaConfiguration}) commits the offsets only after this method returned, that is after the
 * transaction committed: at-least-once, made harmless by idempotent projections.
 * <p>
 * When the batch fails, it is rolled back and applied again record by record, each in its own transaction, up to the
 * failing record, which is reported with its index ({@link BatchListenerFailedException}): the error handler then
 * commits the records before it, retries or dead-letters it, and redelivers the rest. A record that can never be
 * applied throws {@link MalformedEventException} and goes straight to fieldops.events.DLT.
 */
@Component
public class ProjectionConsumer {

    public static final String LISTENER_ID = "fieldops-projections";

    private static final Logger log = LoggerFactory.getLogger(ProjectionConsumer.class);

    private final List<Projection> projections;
    private final TransactionTemplate transaction;
    private final ProjectionMetrics metrics;
    private final RebuildBarrier barrier;

    public ProjectionConsumer(List<Projection> projections, PlatformTransactionManager transactionManager,
                              ProjectionMetrics metrics, RebuildBarrier barrier) {
        this.projections = projections;
        this.transaction = new TransactionTemplate(transactionManager);
        this.metrics = metrics;
        this.barrier = barrier;
    }

    // Deserializers are set here rather than in spring.kafka.consumer.*: those are shared with any other
    // consumer of the process (the all-in-one app), and bytes let even a non-JSON value reach decode(), so it is
    // dead-lettered with its reason instead of failing inside the Kafka client. A new group replays from offset 0.
    @KafkaListener(id = LISTENER_ID, topics = Topics.EVENTS,
            groupId = "${fieldops.query.consumer-group:fieldops-query}",
            concurrency = "${fieldops.query.consumer-concurrency:1}",
            containerFactory = ProjectionKafkaConfiguration.CONTAINER_FACTORY,
            properties = {
                    "key.deserializer=org.apache.kafka.common.serialization.StringDeserializer",
                    "value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer",
                    "auto.offset.reset=earliest",
                    "enable.auto.commit=false"})
    public void onEvents(List<ConsumerRecord<String, byte[]>> records) {
        try {
            transaction.executeWithoutResult(status -> {
                barrier.pass();
                records.forEach(this::apply);
            });
        } catch (RuntimeException batchFailure) {
            for (int index = 0; index < records.size(); index++) {
                ConsumerRecord<String, byte[]> record = records.get(index);
                try {
                    transaction.executeWithoutResult(status -> {
                        barrier.pass();
                        apply(record);
                    });
                } catch (RuntimeException failure) {
                    throw new BatchListenerFailedException(failure.getMessage(), failure, index);
                }
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        CloudEvent envelope = CloudEventCodec.parse(requireValue(record));
        FieldOpsEvent event = decode(envelope);
        List<String> applied = projections.stream()
                .filter(projection -> projection.apply(envelope, event))
                .map(Projection::name)
                .toList();
        // metrics count after the commit only: a rolled-back batch is applied again
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                applied.forEach(projection -> metrics.applied(projection, envelope.time()));
            }
        });
        if (applied.isEmpty()) {
            // e.g. ActivityTypesImported: a valid fact no read model of this side needs (yet)
            log.debug("{} {} concerns no projection; acknowledged", envelope.type(), envelope.id());
        }
    }

    private static byte[] requireValue(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null || record.value().length == 0) {
            throw new MalformedEventException("record has no value (a tombstone is not an event)");
        }
        return record.value();
    }

    /** The event record of a well-formed CloudEvent of a catalogued type whose data fits the type's schema. */
    public static FieldOpsEvent decode(CloudEvent envelope) {
        if (envelope.id() == null || envelope.type() == null || envelope.time() == null) {
            throw new MalformedEventException("CloudEvent lacks id, type or time");
        }
        if (EventCatalog.classOf(envelope.type()).isEmpty()) {
            throw new MalformedEventException("unknown event type " + envelope.type());
        }
        if (envelope.data() == null || !envelope.data().isObject()) {
            throw new MalformedEventException(envelope.type() + " " + envelope.id() + " has no data object");
        }
        // the schema names every violation at once (Jackson alone would accept a missing field as null)
        List<String> violations = EventSchemas.validate(envelope.type(), envelope.data());
        if (!violations.isEmpty()) {
            throw new MalformedEventException("data of " + envelope.type() + " " + envelope.id()
                    + " violates its schema: " + String.join("; ", violations));
        }
        FieldOpsEvent event = CloudEventCodec.decodeData(envelope);
        // the envelope's org is what consumers route by; one that disagrees with the data is not trustworthy
        if (envelope.orgid() != null && !envelope.orgid().equals(String.valueOf(event.orgId()))) {
            throw new MalformedEventException(envelope.type() + " " + envelope.id() + " has orgid "
                    + envelope.orgid() + " but its data belongs to org " + event.orgId());
        }
        return event;
    }
}
