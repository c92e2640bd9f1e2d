package com.fieldops.command.storage;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which aggregates a unit of work is about to create: their event store has nothing to load, so
 * {@link HintedJpaEventStorageEngine} skips the two queries (snapshot, events) Axon runs for every command of a
 * batch. Found with one query for the whole batch instead of two per command.
 * <p>
 * Safe whatever happens meanwhile: an aggregate another transaction creates after the check makes this one's append
 * fail on the store's unique (aggregate_identifier, sequence_number) and roll back, exactly as without the hint; the
 * events this unit of work staged itself are always read (Axon takes them from the unit of work, not the store).
 */
@Component
public class NewAggregates {

    private static final String RESOURCE = NewAggregates.class.getName();

    private final JdbcClient jdbc;

    public NewAggregates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Marks those of {@code aggregateIds} that have no event in the store as new, for the current unit of work. */
    public void markAbsent(Collection<String> aggregateIds) {
        if (aggregateIds.isEmpty() || !CurrentUnitOfWork.isStarted()) return;
        Set<String> absent = new HashSet<>(aggregateIds);
        absent.removeAll(jdbc.sql("""
                        select distinct aggregate_identifier from domain_event_entry
                         where aggregate_identifier = any(?::text[])""")
                .param(aggregateIds.toArray(String[]::new))
                .query(String.class).list());
        CurrentUnitOfWork.get().root().resources().put(RESOURCE, absent);
    }

    /** Whether the current unit of work knows the aggregate has no stored event (it may have staged some). */
    static boolean knownAbsent(String aggregateId) {
        if (!CurrentUnitOfWork.isStarted()) return false;
        Set<?> absent = CurrentUnitOfWork.get().root().getResource(RESOURCE);
        return absent != null && absent.contains(aggregateId);
    }
}
