package com.fieldops.command.storage;

import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;

/** Axon's JPA event store that does not query for aggregates the unit of work knows are new ({@link NewAggregates}). */
public class HintedJpaEventStorageEngine extends JpaEventStorageEngine {

    public HintedJpaEventStorageEngine(Builder builder) {
        super(builder);
    }

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateId, long firstSequenceNumber,
                                                                  int batchSize) {
        return NewAggregates.knownAbsent(aggregateId) ? List.of()
                : super.fetchDomainEvents(aggregateId, firstSequenceNumber, batchSize);
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateId) {
        // an aggregate without events has no snapshot either
        return NewAggregates.knownAbsent(aggregateId) ? Stream.empty() : super.readSnapshotData(aggregateId);
    }
}
