package com.fieldops.query.projection;

import com.fieldops.events.CloudEvent;
import com.fieldops.events.FieldOpsEvent;

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
}
