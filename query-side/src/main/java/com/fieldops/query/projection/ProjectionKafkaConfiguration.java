package com.fieldops.query.projection;

import com.fasterxml.jackson.core.JacksonException;
import com.fieldops.events.MalformedEventException;
import com.fieldops.events.Topics;
import com.fieldops.platform.kafka.DeadLetteringListeners;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaOperations;

/**
 * The projections' listener container (see {@link DeadLetteringListeners}). Never retried, dead-lettered to
 * fieldops.events.DLT at once: a record that can never be applied (malformed, unknown type, schema violation,
 * constraint violation).
 */
@Configuration
public class ProjectionKafkaConfiguration {

    public static final String CONTAINER_FACTORY = "projectionListenerContainerFactory";

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> projectionListenerContainerFactory(
            ConsumerFactory<Object, Object> consumerFactory, KafkaOperations<Object, Object> kafkaTemplate,
            ProjectionMetrics metrics) {
        return DeadLetteringListeners.batchContainerFactory(consumerFactory, kafkaTemplate, Topics.EVENTS_DLT,
                metrics::deadLettered, MalformedEventException.class, JacksonException.class,
                DataIntegrityViolationException.class);
    }
}
