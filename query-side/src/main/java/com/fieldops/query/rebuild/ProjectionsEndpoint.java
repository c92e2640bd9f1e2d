package com.fieldops.query.rebuild;

import com.fieldops.events.Topics;
import com.fieldops.query.projection.Projection;
import com.fieldops.query.projection.ProjectionMetrics;
import com.fieldops.query.projection.SideEffect;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/projections} on the management port (an operator's tool, not a tenant API): GET lists the
 * projections with their lag and the last or running rebuild; POST {@code /actuator/projections/{name}} (or
 * {@code all}) starts a rebuild from the event store in the background (202), whose progress GET then shows.
 */
@Component
@Endpoint(id = "projections")
public class ProjectionsEndpoint {

    private static final int KAFKA_TIMEOUT_MS = 3000;

    private final List<Projection> projections;
    private final ProjectionRebuild rebuild;
    private final ProjectionMetrics metrics;
    private final JdbcClient jdbc;
    private final KafkaAdmin kafkaAdmin;
    private final String consumerGroup;

    public ProjectionsEndpoint(List<Projection> projections, ProjectionRebuild rebuild, ProjectionMetrics metrics,
                               JdbcClient jdbc, KafkaAdmin kafkaAdmin,
                               @Value("${fieldops.query.consumer-group:fieldops-query}") String consumerGroup) {
        this.projections = projections;
        this.rebuild = rebuild;
        this.metrics = metrics;
        this.jdbc = jdbc;
        this.kafkaAdmin = kafkaAdmin;
        this.consumerGroup = consumerGroup;
    }

    /** The newest event of the store: what a projection that is up to date has seen. */
    public record StoreHead(long position, Instant time) {
    }

    /** Records of fieldops.events the consumer group has not committed yet (null when Kafka did not answer). */
    public record ConsumerLag(String group, Long records) {
    }

    /**
     * @param lastAppliedEventTime time of the last event this instance applied to it
     * @param lagSeconds           from that event's time to the store head's (0 when it has seen the newest)
     */
    public record ProjectionStatus(String name, List<String> tables, boolean sideEffect, Instant lastAppliedEventTime,
                                   Double lagSeconds) {
    }

    public record Report(StoreHead store, ConsumerLag consumer, List<ProjectionStatus> projections,
                         RebuildState rebuild) {
    }

    @ReadOperation
    public Report projections() {
        StoreHead head = jdbc.sql("""
                        select global_index, time_stamp from domain_event_entry order by global_index desc limit 1""")
                .query((row, n) -> new StoreHead(row.getLong(1), Instant.parse(row.getString(2))))
                .optional().orElse(null);
        List<ProjectionStatus> statuses = projections.stream().map(projection -> {
            Instant last = metrics.lastApplied(projection.name()).orElse(null);
            Double lag = last == null || head == null ? null
                    : Math.max(0, Duration.between(last, head.time()).toMillis() / 1000.0);
            return new ProjectionStatus(projection.name(), projection.tables(), projection instanceof SideEffect,
                    last, lag);
        }).toList();
        return new Report(head, new ConsumerLag(consumerGroup, kafkaLag()), statuses, rebuild.state().orElse(null));
    }

    @WriteOperation
    public WebEndpointResponse<Object> rebuild(@Selector String name) {
        try {
            return new WebEndpointResponse<>(rebuild.rebuildInBackground(name), 202);
        } catch (ProjectionRebuild.UnknownProjectionException unknown) {
            return new WebEndpointResponse<>(Map.of("error", unknown.getMessage()), 404);
        } catch (IllegalStateException running) {
            return new WebEndpointResponse<>(Map.of("error", running.getMessage()), 409);
        }
    }

    /** Sum over the partitions of fieldops.events of the end offset minus the group's committed offset. */
    private Long kafkaLag() {
        try (AdminClient admin = AdminClient.create(kafkaAdmin.getConfigurationProperties())) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(consumerGroup)
                    .partitionsToOffsetAndMetadata().get(KAFKA_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> partitions = committed.keySet().stream()
                    .filter(partition -> partition.topic().equals(Topics.EVENTS))
                    .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(partitions).all()
                    .get(KAFKA_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return ends.entrySet().stream()
                    .mapToLong(end -> Math.max(0, end.getValue().offset() - committed.get(end.getKey()).offset()))
                    .sum();
        } catch (Exception unavailable) {
            if (unavailable instanceof InterruptedException) Thread.currentThread().interrupt();
            return null; // the report is still useful without it
        }
    }
}
