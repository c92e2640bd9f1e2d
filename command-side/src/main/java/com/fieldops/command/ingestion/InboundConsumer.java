package com.fieldops.command.ingestion;

import com.fieldops.events.MalformedEventException;
import com.fieldops.events.Topics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Ingests what internal services publish on fieldops.inbound (structured-mode CloudEvents). The valid records of a
 * poll are ingested in one command, i.e. one transaction; the container (ack mode BATCH, see
 * {@link InboundKafkaConfiguration}) commits the offsets after this method returned. A re-delivered record is a
 * duplicate by (source, id) and changes nothing: at-least-once delivery, exactly-once effect.
 * <p>
 * When a record is invalid, the records before it are ingested and it is reported by its index
 * ({@link BatchListenerFailedException}), so the error handler dead-letters it and delivers the rest again. When
 * the command fails (an aggregate refused a fact, or the database failed), it has been rolled back entirely and the
 * records are ingested again one by one, each in its own command, up to the failing one, which is reported by index.
 */
@Component
public class InboundConsumer {

    public static final String LISTENER_ID = "fieldops-ingestion";

    private final CommandGateway commands;
    private final InboundMetrics metrics;

    public InboundConsumer(CommandGateway commands, InboundMetrics metrics) {
        this.commands = commands;
        this.metrics = metrics;
    }

    // bytes, so that a value that is not JSON still reaches the listener and is dead-lettered with its reason; the
    // deserializers are set here, not in spring.kafka.consumer.*, which other consumers of the process share
    @KafkaListener(id = LISTENER_ID, topics = Topics.INBOUND,
            groupId = "${fieldops.ingestion.consumer-group:fieldops-ingestion}",
            concurrency = "${fieldops.ingestion.consumer-concurrency:1}",
            containerFactory = InboundKafkaConfiguration.CONTAINER_FACTORY,
            properties = {
                    "key.deserializer=org.apache.kafka.common.serialization.StringDeserializer",
                    "value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer",
                    "auto.offset.reset=earliest",
                    "enable.auto.commit=false",
                    "max.poll.records=${fieldops.ingestion.max-poll-records:200}"})
    public void onEvents(List<ConsumerRecord<String, byte[]>> records) {
        List<InboundEvent> events = new ArrayList<>(records.size());
        MalformedEventException invalid = null;
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                events.add(InboundEventReader.fromRecord(record.value()));
            } catch (MalformedEventException e) {
                invalid = e;
                break;
            }
        }
        ingest(events);
        if (invalid != null) {
            throw new BatchListenerFailedException(invalid.getMessage(), invalid, events.size());
        }
    }

    private void ingest(List<InboundEvent> events) {
        if (events.isEmpty()) return;
        try {
            metrics.ingested("kafka", commands.sendAndWait(new IngestInboundEvents(events, null)));
        } catch (RuntimeException batchFailure) {
            for (int index = 0; index < events.size(); index++) {
                try {
                    metrics.ingested("kafka", commands.sendAndWait(new IngestInboundEvents(List.of(events.get(index)),
                            null)));
                } catch (RuntimeException failure) {
                    throw new BatchListenerFailedException(failure.getMessage(), failure, index);
                }
            }
        }
    }
}
