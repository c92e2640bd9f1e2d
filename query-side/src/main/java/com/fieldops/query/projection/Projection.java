package com.fieldops.query.projection;

import com.fieldops.events.CloudEvent;
import com.fieldops.events.FieldOpsEvent;
import com.fieldops.events.MalformedEventException;
import java.util.List;

/**
 * A read model fed from fieldops.events. The consumer offers every event to every projection, inside one
 * database transaction per Kafka record, and commits the offset only after that transaction has committed.
 */
public interface Projection {

    /** The read model's name, e.g. {@code activity_types}: the {@code projection} tag of its metrics. */
    String name();

    /**
     * Applies {@code event} if it concerns this read model. Must be idempotent (the consumer is at-least-once),
     * and throw {@link com.fieldops.events.MalformedEventException} for an event it can never apply.
     *
     * @param envelope the CloudEvent the event came in: id, time, aggregate sequence
     * @return false when the event is not for this read model
     */
    boolean apply(CloudEvent envelope, FieldOpsEvent event);

    /**
     * The tables of this read model, which a rebuild ({@link com.fieldops.query.rebuild.ProjectionRebuild}) builds
     * again in a shadow schema and swaps in. By default the one table named like the projection.
     */
    default List<String> tables() {
        return List.of(name());
    }

    /**
     * Tables the projection writes besides its read model (e.g. a change stamp): a rebuild gives them a throwaway
     * copy in the shadow schema, so replaying history does not touch the live ones, and never swaps them.
     */
    default List<String> scratchTables() {
        return List.of();
    }

    /** Runs in the transaction that swapped this projection's rebuilt tables in: e.g. to invalidate caches. */
    default void afterRebuild() {
    }

    /** The aggregate sequence number an idempotent projection compares with its row's version. */
    static long sequenceOf(CloudEvent envelope) {
        if (envelope.sequence() == null) {
            throw new MalformedEventException(envelope.type() + " " + envelope.id() + " has no sequence");
        }
        return envelope.sequence();
    }
}
