package com.fieldops.platform.kafka;

import java.sql.SQLException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Listener containers for FieldOps' consumers (projections, inbound ingestion), each with its own error handling
 * rather than Spring Boot's shared factory:
 * <ul>
 *   <li>Batch listener, ack mode BATCH: a poll's offsets are committed after the listener returned, i.e. after its
 *       database transaction committed. A failing record is named by its index ({@link BatchListenerFailedException}):
 *       the records before it are committed, it is retried or dead-lettered, the rest is delivered again.</li>
 *   <li>A record that can never succeed (the exceptions named never-retried) goes to the dead-letter topic at once;
 *       other errors are retried 1 s, 2 s, 4 s, then dead-lettered. The DLT record keeps key and value and carries
 *       the reason in spring-kafka's {@code kafka_dlt-*} headers. Nothing is dropped; the consumer moves on.</li>
 *   <li>While the database is unreachable, records are retried (back-off capped at 30 s) until it is back:
 *       dead-lettering a record only because PostgreSQL restarted would lose it for no reason.</li>
 * </ul>
 */
public final class DeadLetteringListeners {

    private static final Logger log = LoggerFactory.getLogger(DeadLetteringListeners.class);

    private DeadLetteringListeners() {
    }

    @SafeVarargs
    public static ConcurrentKafkaListenerContainerFactory<Object, Object> batchContainerFactory(
            ConsumerFactory<Object, Object> consumerFactory, KafkaOperations<Object, Object> kafkaTemplate,
            String deadLetterTopic, Consumer<Throwable> onDeadLetter,
            Class<? extends Exception>... neverRetried) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumerFactory);
        factory.setBatchListener(true);
        factory.getContainerProperties().setAckMode(AckMode.BATCH);
        factory.setCommonErrorHandler(errorHandler(kafkaTemplate, deadLetterTopic, onDeadLetter, neverRetried));
        return factory;
    }

    @SafeVarargs
    static DefaultErrorHandler errorHandler(KafkaOperations<Object, Object> kafkaTemplate, String deadLetterTopic,
                                            Consumer<Throwable> onDeadLetter,
                                            Class<? extends Exception>... neverRetried) {
        // partition -1: the producer's partitioner places it by key (the DLT need not mirror the partitions)
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafkaTemplate,
                (record, exception) -> new TopicPartition(deadLetterTopic, -1));
        DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters, fewRetries());
        handler.setBackOffFunction((record, exception) -> databaseUnavailable(exception) ? untilBack() : null);
        handler.addNotRetryableExceptions(neverRetried);
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception exception, int attempt) {
                log.warn("{}-{}@{} failed (attempt {}): {}", record.topic(), record.partition(), record.offset(),
                        attempt, reasonOf(exception).getMessage());
            }

            @Override
            public void recovered(ConsumerRecord<?, ?> record, Exception exception) {
                Throwable reason = reasonOf(exception);
                log.error("Sent {}-{}@{} (key {}) to {}: {}", record.topic(), record.partition(), record.offset(),
                        record.key(), deadLetterTopic, reason.getMessage());
                onDeadLetter.accept(reason);
            }

            @Override
            public void recoveryFailed(ConsumerRecord<?, ?> record, Exception original, Exception failure) {
                // the record is not committed: it is processed (and dead-lettered) again, never dropped
                log.error("Could not send {}-{}@{} to {}; it will be retried", record.topic(), record.partition(),
                        record.offset(), deadLetterTopic, failure);
            }
        });
        return handler;
    }

    /** 1 s, 2 s, 4 s: enough to ride out a lock timeout, a deadlock or a serialization failure. */
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
    public static boolean databaseUnavailable(Throwable exception) {
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

    /** The listener's own exception, without spring-kafka's wrappers. */
    public static Throwable reasonOf(Throwable exception) {
        Throwable reason = exception;
        while ((reason instanceof ListenerExecutionFailedException || reason instanceof BatchListenerFailedException)
                && reason.getCause() != null) {
            reason = reason.getCause();
        }
        return reason;
    }
}
