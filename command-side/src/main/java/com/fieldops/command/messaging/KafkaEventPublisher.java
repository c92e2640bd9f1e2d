package com.fieldops.command.messaging;

import com.fieldops.events.CloudEvent;
import com.fieldops.events.CloudEventCodec;
import com.fieldops.events.FieldOpsEvent;
import com.fieldops.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes every event of the event store to {@code fieldops.events} as a CloudEvent, keyed by aggregate id, from a
 * streaming processor (never inside the command's transaction). Sends of one batch go out together and the batch
 * commits its token only after Kafka acknowledged all of them: at-least-once, and a Kafka outage stops the
 * processor (propagating error handler) instead of skipping events.
 */
@Component
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
public class KafkaEventPublisher {

    public static final String PROCESSING_GROUP = "kafka-publisher";
    private static final String PENDING_SENDS = KafkaEventPublisher.class.getName() + ".pending";
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaTemplate<String, byte[]> kafka;
    private final String source;

    public KafkaEventPublisher(KafkaTemplate<String, byte[]> kafka, @Value("${fieldops.source}") String source) {
        this.kafka = kafka;
        this.source = source;
    }

    @EventHandler
    void publish(FieldOpsEvent event, EventMessage<?> message, TrackingToken token) {
        CloudEvent cloudEvent = CloudEventCodec.encode(event, envelope(event, message, token));
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.EVENTS, cloudEvent.subject(),
                CloudEventCodec.toBytes(cloudEvent));
        pendingSends().add(kafka.send(record));
    }

    private CloudEventCodec.Envelope envelope(FieldOpsEvent event, EventMessage<?> message, TrackingToken token) {
        String subject = message.getIdentifier();
        Long sequence = null;
        if (message instanceof DomainEventMessage<?> domain) {
            subject = domain.getAggregateIdentifier();
            sequence = domain.getType() == null ? null : domain.getSequenceNumber();
        }
        TrackingToken position = WrappedToken.unwrapLowerBound(token);
        return new CloudEventCodec.Envelope(UUID.fromString(message.getIdentifier()), source, subject,
                message.getTimestamp(), event.orgId(), ActorMetaData.actorId(message.getMetaData()),
                ActorMetaData.actorName(message.getMetaData()), sequence,
                position == null ? null : position.position().orElse(0L));
    }

    /** The batch's sends, awaited once before its unit of work commits the processor's token. */
    private List<CompletableFuture<?>> pendingSends() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(PENDING_SENDS, key -> {
            List<CompletableFuture<?>> sends = new ArrayList<>();
            root.onPrepareCommit(uow -> awaitAll(sends));
            return sends;
        });
    }

    private static void awaitAll(List<CompletableFuture<?>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing to Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the batch; it will be retried", e);
        }
    }
}
