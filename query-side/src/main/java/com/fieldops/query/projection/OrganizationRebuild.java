package com.fieldops.query.projection;

import com.fieldops.events.FieldOpsEvent;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Builds one organisation's rows of every {@link RebuildableProjection} again from the event store: deletes them,
 * then applies the organisation's events in global order through the very projections the Kafka consumer feeds
 * (the same decoding and checks, in the same order), so the rows come out as the consumer would have left them.
 */
@Component
public class OrganizationRebuild {

    private final List<RebuildableProjection> projections;
    private final EventStoreHistory history;

    public OrganizationRebuild(List<RebuildableProjection> projections, EventStoreHistory history) {
        this.projections = projections;
        this.history = history;
    }

    /**
     * Runs in the caller's transaction, which must keep the consumer from changing the same rows meanwhile (see
     * DashboardRefresh): until it commits, readers see the rows as they were.
     *
     * @return how many events were applied
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long rebuild(UUID orgId) {
        projections.forEach(projection -> projection.forget(orgId));
        return history.forEach(orgId, envelope -> {
            FieldOpsEvent event = ProjectionConsumer.decode(envelope);
            projections.forEach(projection -> projection.apply(envelope, event));
        });
    }
}
