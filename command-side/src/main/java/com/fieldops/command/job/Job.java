package com.fieldops.command.job;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fieldops.command.job.JobCommands.RecordJobAssigned;
import com.fieldops.command.job.JobCommands.RecordJobCreated;
import com.fieldops.command.job.JobCommands.RecordJobStatusChanged;
import com.fieldops.events.job.JobAssigned;
import com.fieldops.events.job.JobCreated;
import com.fieldops.events.job.JobStatusChanged;
import com.fieldops.platform.problem.RuleViolation;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A job as the jobs service reports it. FieldOps does not run the job's life cycle (the jobs service does), so the
 * only rules are the ones that keep the history consistent: a job is created once (an identical repeat of the
 * created fact is accepted and changes nothing, a different one contradicts it), and an assignment or a status
 * change needs a job of the same organisation.
 */
@Aggregate
public class Job {

    @AggregateIdentifier
    private UUID jobId;
    private UUID orgId;
    private JobCreated created;
    private UUID assigneeId;
    private String status;

    protected Job() {
        // for Axon; a job comes into being with its created fact (creation policy CREATE_IF_MISSING)
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordJobCreated command) {
        JobCreated fact = command.fact();
        if (jobId == null) {
            apply(fact);
        } else if (!fact.equals(created)) {
            throw RuleViolation.conflict("job_id", "job " + command.jobId()
                    + " was already created with other data; this job.created contradicts it");
        }
        // else: the very same fact again (e.g. re-sent with a new CloudEvent id) changes nothing
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordJobAssigned command) {
        requireJob(command.jobId(), command.fact().orgId(), "assigned");
        apply(command.fact());
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordJobStatusChanged command) {
        requireJob(command.jobId(), command.fact().orgId(), "status-changed");
        apply(command.fact());
    }

    /** Another organisation's job is treated as unknown: its existence is none of the caller's business. */
    private void requireJob(UUID id, UUID factOrg, String fact) {
        if (jobId == null || !orgId.equals(factOrg)) {
            throw RuleViolation.conflict("job_id", "job " + id + " is not known in this organisation: a job." + fact
                    + " needs its job.created first");
        }
    }

    @EventSourcingHandler
    void on(JobCreated event) {
        jobId = event.jobId();
        orgId = event.orgId();
        created = event;
        assigneeId = event.assigneeId();
        status = "scheduled";
    }

    @EventSourcingHandler
    void on(JobAssigned event) {
        assigneeId = event.assigneeId();
    }

    @EventSourcingHandler
    void on(JobStatusChanged event) {
        status = event.status();
    }
}
