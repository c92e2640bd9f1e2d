package com.fieldops.platform.kafka;

import com.fieldops.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topics of DESIGN §6, created at start with the configured partitions. Retention is unlimited on all of them:
 * analysts read fieldops.events from offset 0, and nothing on a dead-letter topic may expire unseen.
 */
@Configuration
public class KafkaTopicsConfiguration {

    @Bean
    KafkaAdmin.NewTopics fieldOpsTopics(@Value("${fieldops.kafka.partitions:6}") int partitions,
                                        @Value("${fieldops.kafka.replication-factor:1}") short replicas) {
        return new KafkaAdmin.NewTopics(
                topic(Topics.EVENTS, partitions, replicas),
                topic(Topics.EVENTS_DLT, partitions, replicas),
                topic(Topics.INBOUND, partitions, replicas),
                topic(Topics.INBOUND_DLT, partitions, replicas));
    }

    private static NewTopic topic(String name, int partitions, short replicas) {
        return TopicBuilder.name(name).partitions(partitions).replicas(replicas)
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .config(TopicConfig.RETENTION_BYTES_CONFIG, "-1")
                .build();
    }
}
