package com.fieldops.query.dashboard;

import com.fieldops.query.projection.OrganizationRebuild;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * POST /api/dashboard/refresh: builds the organisation's dashboard models (the counters and the timesheets and jobs
 * rows they are derived from) again from its events in the event store, through the projections the Kafka consumer
 * runs, so the numbers are a recomputation from the events rather than from the read models.
 * <p>
 * One transaction under the organisation's dashboard lock: readers see the old rows until it commits, and the
 * consumer's transactions that touch the same rows wait for it (they take the lock first). An event of the
 * organisation that the rebuild already read is a redelivery to the consumer afterwards (the rows' versions have
 * reached it) and changes nothing; one committed too late for the rebuild is applied by the consumer on top of the
 * rebuilt rows. Events the publisher has not sent yet are in the store and so in the rebuild.
 */
@Component
public class DashboardRefresh {

    private static final Logger log = LoggerFactory.getLogger(DashboardRefresh.class);

    private final DashboardCounters counters;
    private final OrganizationRebuild rebuild;
    private final TransactionTemplate transaction;

    public DashboardRefresh(DashboardCounters counters, OrganizationRebuild rebuild,
                            PlatformTransactionManager transactionManager) {
        this.counters = counters;
        this.rebuild = rebuild;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    public void refresh(UUID orgId) {
        long started = System.nanoTime();
        Long events = transaction.execute(status -> {
            counters.lock(orgId);
            return rebuild.rebuild(orgId);
        });
        log.info("dashboard of organisation {} rebuilt from {} events in {} ms", orgId, events,
                (System.nanoTime() - started) / 1_000_000);
    }
}
