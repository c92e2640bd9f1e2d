package com.fieldops.query.projection;

import com.fasterxml.jackson.core.JacksonException;
import com.fieldops.events.MalformedEventException;
import com.fieldops.events.Topics;
import java.sql.SQLException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The listener container of the projections, with its own error handling (not Spring Boot's shared factory, so
 * other listeners in the same process keep theirs, and a Kafka transaction manager configured for publishing
 * never wraps the projections).
 * <ul>
 *   <li>Batch listener, ack mode BATCH: the offsets of a poll are committed after the listener returned, i.e. after
 *       the database transaction committed; a failing record is named by its index (BatchListenerFailedException),
 *       so the records before it are committed and only it is retried or dead-lettered.</li>
 *   <li>A record that can never be applied (malformed, unknown type, schema violation, constraint violation) goes
 *       to fieldops.events.DLT at once; other errors are retried with back-off, then dead-lettered. The DLT record
 *       keeps key and value and carries the reason in spring-kafka's {@code kafka_dlt-*} headers. Nothing is
 *       dropped, and the consumer moves on to the next record.</li>
 *   <li>While the database is unreachable, records are retried (back-off capped at 30 s) until it is back:
 *       dead-lettering an event only because PostgreSQL restarted would leave a hole in the read model.</li>
 * </ul>
 */
@Configuration
public class ProjectionKafkaConfiguration {

    public static final String CONTAINER_FACTORY = "projectionListenerContainerFactory";

    private static final Logger log = LoggerFactory.getLogger(ProjectionKafkaConfiguration.class);

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> projectionListenerContainerFactory(
            ConsumerFactory<Object, Object> consumerFactory, KafkaOperations<Object, Object> kafkaTemplate,
            ProjectionMetrics metrics) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumerFactory);
        factory.setBatchListener(true);
        factory.getContainerProperties().setAckMode(AckMode.BATCH);
        factory.setCommonErrorHandler(errorHandler(kafkaTemplate, metrics));
        return factory;
    }

    static DefaultErrorHandler errorHandler(KafkaOperations<Object, Object> kafkaTemplate, ProjectionMetrics metrics) {
        // partition -1: let the producer's partitioner place it by key (the DLT need not mirror the partitions)
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafkaTemplate,
                (record, exception) -> new TopicPartition(Topics.EVENTS_DLT, -1));
        DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters, fewRetries());
        handler.setBackOffFunction((record, exception) -> databaseUnavailable(exception) ? untilBack() : null);
        handler.addNotRetryableExceptions(MalformedEventException.class, JacksonException.class,
                DataIntegrityViolationException.class);
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception exception, int attempt) {
                log.warn("Projection of {}-{}@{} failed (attempt {}): {}", record.topic(), record.partition(),
                        record.offset(), attempt, reasonOf(exception).getMessage());
            }

            @Override
            public void recovered(ConsumerRecord<?, ?> record, Exception exception) {
                Throwable reason = reasonOf(exception);
                log.error("Sent {}-{}@{} (key {}) to {}: {}", record.topic(), record.partition(), record.offset(),
                        record.key(), Topics.EVENTS_DLT, reason.getMessage());
                metrics.deadLettered(reason);
            }

            @Override
            public void recoveryFailed(ConsumerRecord<?, ?> record, Exception original, Exception failure) {
                // the record is not committed: it is processed (and dead-lettered) again, never dropped
                log.error("Could not send {}-{}@{} to {}; it will be retried", record.topic(), record.partition(),
                        record.offset(), Topics.EVENTS_DLT, failure);
            }
        });
        return handler;
    }

    /** 1 s, 2 s, 4 s: enough to ride out a lock timeout or a serialization failure. */
    private static BackOff fewRetries() {
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(3);
        backOff.setInitialInterval(1_000);
        backOff.setMultiplier(2);
        backOff.setMaxInterval(4_000);
        return backOff;
    }

    /** Unlimited attempts; each wait stays far below max.poll.interval.ms (5 min), so the consumer keeps its partitions. */
    private static BackOff untilBack() {
        ExponentialBackOff backOff = new ExponentialBackOff(1_000, 2);
        backOff.setMaxInterval(30_000);
        return backOff;
    }

    /**
     * No connection to be had, or the server went away mid-transaction: SQLSTATE class 08 (connection exception)
     * or 57P (operator intervention, e.g. a restart), whether Spring translated it or not.
     */
    static boolean databaseUnavailable(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotCreateTransactionException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessResourceException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /** The projection's own exception, without spring-kafka's wrapper. */
    private static Throwable reasonOf(Throwable exception) {
        Throwable reason = exception;
        while ((reason instanceof ListenerExecutionFailedException || reason instanceof BatchListenerFailedException)
                && reason.getCause() != null) {
            reason = reason.getCause();
        }
        return reason;
    }
}
