package com.fieldops.command.xero;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fieldops.events.xero.XeroSyncCompleted;
import com.fieldops.events.xero.XeroSyncFailed;
import com.fieldops.events.xero.XeroSyncRequested;
import com.fieldops.xero.sync.XeroSyncCommands.FailXeroSync;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Xero sync saga: one per requested sync, from {@code fieldops.xero-sync.requested.v1} to its completed or failed
 * event. It runs the sync as a chain of steps, each a persistent deadline ({@value #STEP}, db-scheduler's table): a
 * step reads one response from Xero and applies it in the deadline's transaction together with the saga's new
 * {@link XeroSyncCursor}, then schedules the next. A process that stops mid-step leaves the step's deadline and the
 * cursor of the step before it; the next process (db-scheduler revives the execution of a dead scheduler) runs the
 * step again from there. When Xero does not answer a step, the step is tried again after
 * {@link XeroSyncSteps#retryDelay}, also a deadline, so a wait of minutes survives a restart; once the retries are
 * used up the sync fails with Xero's last error.
 *
 * <p>Its processor starts at the head of the store the first time ({@link XeroSyncConfiguration}): syncs requested
 * before it existed are not run. Sagas are never replayed.
 */
@Saga
@ProcessingGroup(XeroSyncSaga.PROCESSING_GROUP)
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public class XeroSyncSaga {

    public static final String PROCESSING_GROUP = "xero-sync-saga";
    static final String STEP = "xero-sync-step";

    private XeroSyncJob job;
    private XeroSyncCursor cursor;

    @Autowired
    @JsonIgnore
    private transient XeroSyncSteps steps;
    @Autowired
    @JsonIgnore
    private transient CommandGateway commands;
    @Autowired
    @JsonIgnore
    private transient DeadlineManager deadlines;

    @StartSaga
    @SagaEventHandler(associationProperty = "syncId")
    void on(XeroSyncRequested requested) {
        job = XeroSyncJob.of(requested);
        cursor = XeroSyncCursor.first(job.type());
        deadlines.schedule(Duration.ZERO, STEP, cursor);
    }

    /**
     * Runs the step {@code due} names. A deadline for another cursor is left over (a process stopped between the
     * step's commit and db-scheduler marking the execution done) and changes nothing.
     */
    @DeadlineHandler(deadlineName = STEP)
    void step(XeroSyncCursor due) {
        if (!due.equals(cursor)) return;
        XeroSyncStepOutcome outcome = steps.run(job, cursor);
        if (outcome.next() != null) {
            cursor = outcome.next();
            deadlines.schedule(Duration.ZERO, STEP, cursor);
        } else if (outcome.xeroUnavailable() != null) {
            Optional<Duration> wait = steps.retryDelay(cursor.attempt());
            if (wait.isPresent()) {
                cursor = cursor.retried();
                deadlines.schedule(wait.get(), STEP, cursor);
            } else {
                commands.sendAndWait(new FailXeroSync(job.syncId(), outcome.xeroUnavailable(), cursor.counts(),
                        List.of()));
            }
        }
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "syncId")
    void on(XeroSyncCompleted completed) {
        deadlines.cancelAllWithinScope(STEP);
    }

    /** Failed by a step, or by anyone else: a retry still planned is dropped. */
    @EndSaga
    @SagaEventHandler(associationProperty = "syncId")
    void on(XeroSyncFailed failed) {
        deadlines.cancelAllWithinScope(STEP);
    }
}
