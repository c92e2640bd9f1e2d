package com.fieldops.query.projection;

import java.util.List;

/**
 * A consumer of fieldops.events that acts on the world (e.g. pushes to Xero) rather than keeping a read model. The
 * Kafka consumer offers it every event like any projection, but a rebuild from the event store never does: replaying
 * history must not push anything a second time.
 */
public interface SideEffect extends Projection {

    /** A side effect owns no read model, so a rebuild has nothing of it to build or swap. */
    @Override
    default List<String> tables() {
        return List.of();
    }
}
