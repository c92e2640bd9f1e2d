package com.fieldops.query.projection;

import java.util.UUID;

/**
 * A read model whose rows of one organisation can be dropped and built again from that organisation's events in the
 * event store ({@link OrganizationRebuild}): the rows it writes depend only on the organisation's own events.
 */
public interface RebuildableProjection extends Projection {

    /** Deletes the organisation's rows, in the caller's transaction, before its events are applied again. */
    void forget(UUID orgId);
}
