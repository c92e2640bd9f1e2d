package com.fieldops.command.ingestion;

import com.fasterxml.jackson.core.JacksonException;
import com.fieldops.events.MalformedEventException;
import com.fieldops.events.Topics;
import com.fieldops.platform.kafka.DeadLetteringListeners;
import com.fieldops.platform.problem.RuleViolation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaOperations;

/**
 * The inbound consumer's listener container (see {@link DeadLetteringListeners}). Never retried, dead-lettered to
 * fieldops.inbound.DLT at once: an invalid record (MalformedEventException, Jackson) and an aggregate's refusal
 * (RuleViolation, e.g. a job.assigned for an unknown job): sending them again cannot change the answer.
 */
@Configuration
public class InboundKafkaConfiguration {

    public static final String CONTAINER_FACTORY = "inboundListenerContainerFactory";

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> inboundListenerContainerFactory(
            ConsumerFactory<Object, Object> consumerFactory, KafkaOperations<Object, Object> kafkaTemplate,
            InboundMetrics metrics) {
        return DeadLetteringListeners.batchContainerFactory(consumerFactory, kafkaTemplate, Topics.INBOUND_DLT,
                metrics::deadLettered, MalformedEventException.class, RuleViolation.class, JacksonException.class);
    }
}
