package com.fieldops.command.ingestion;

import com.fasterxml.jackson.core.JacksonException;
import com.fieldops.events.MalformedEventException;
import com.fieldops.events.Topics;
import com.fieldops.platform.problem.RuleViolation;
import java.sql.SQLException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
 * The listener container of the inbound consumer (its own, not Spring Boot's shared factory, so the projections of
 * the all-in-one app keep their error handling and this one keeps its own).
 * <ul>
 *   <li>Batch listener, ack mode BATCH: offsets are committed after the listener returned, i.e. after the poll's
 *       events were committed to the event store. A failing record is named by its index
 *       ({@link BatchListenerFailedException}): the records before it are committed, it is retried or
 *       dead-lettered, the rest is delivered again.</li>
 *   <li>Never retried, dead-lettered at once: an invalid record ({@link MalformedEventException}, Jackson) and a
 *       refusal of an aggregate ({@link RuleViolation}, e.g. a job.assigned for an unknown job): sending them again
 *       cannot change the answer. Other errors are retried 1 s, 2 s, 4 s, then dead-lettered.</li>
 *   <li>While the database is unreachable, records are retried until it is back (back-off capped at 30 s):
 *       dead-lettering a fact only because PostgreSQL restarted would lose it for no reason.</li>
 *   <li>fieldops.inbound.DLT records keep key and value; the reason is in spring-kafka's
 *       {@code kafka_dlt-exception-message} header (and {@code -fqcn}, {@code -stacktrace}, {@code -original-*}).</li>
 * </ul>
 */
@Configuration
public class InboundKafkaConfiguration {

    public static final String CONTAINER_FACTORY = "inboundListenerContainerFactory";

    private static final Logger log = LoggerFactory.getLogger(InboundKafkaConfiguration.class);

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> inboundListenerContainerFactory(
            ConsumerFactory<Object, Object> consumerFactory, KafkaOperations<Object, Object> kafkaTemplate,
            InboundMetrics metrics) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumerFactory);
        factory.setBatchListener(true);
        factory.getContainerProperties().setAckMode(AckMode.BATCH);
        factory.setCommonErrorHandler(errorHandler(kafkaTemplate, metrics));
        return factory;
    }

    static DefaultErrorHandler errorHandler(KafkaOperations<Object, Object> kafkaTemplate, InboundMetrics metrics) {
        // partition -1: the producer's partitioner places it by key (the DLT need not mirror the partitions)
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafkaTemplate,
                (record, exception) -> new TopicPartition(Topics.INBOUND_DLT, -1));
        DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters, fewRetries());
        handler.setBackOffFunction((record, exception) -> databaseUnavailable(exception) ? untilBack() : null);
        handler.addNotRetryableExceptions(MalformedEventException.class, RuleViolation.class, JacksonException.class);
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception exception, int attempt) {
                log.warn("Ingestion of {}-{}@{} failed (attempt {}): {}", record.topic(), record.partition(),
                        record.offset(), attempt, reasonOf(exception).getMessage());
            }

            @Override
            public void recovered(ConsumerRecord<?, ?> record, Exception exception) {
                Throwable reason = reasonOf(exception);
                log.warn("Sent {}-{}@{} (key {}) to {}: {}", record.topic(), record.partition(), record.offset(),
                        record.key(), Topics.INBOUND_DLT, reason.getMessage());
                metrics.deadLettered(reason);
            }

            @Override
            public void recoveryFailed(ConsumerRecord<?, ?> record, Exception original, Exception failure) {
                // the record is not committed: it is processed (and dead-lettered) again, never dropped
                log.error("Could not send {}-{}@{} to {}; it will be retried", record.topic(), record.partition(),
                        record.offset(), Topics.INBOUND_DLT, failure);
            }
        });
        return handler;
    }

    /** 1 s, 2 s, 4 s: enough to ride out a lock timeout, a deadlock or a lost optimistic race. */
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

    /** The ingestion's own exception, without spring-kafka's wrappers. */
    static Throwable reasonOf(Throwable exception) {
        Throwable reason = exception;
        while ((reason instanceof ListenerExecutionFailedException || reason instanceof BatchListenerFailedException)
                && reason.getCause() != null) {
            reason = reason.getCause();
        }
        return reason;
    }
}
