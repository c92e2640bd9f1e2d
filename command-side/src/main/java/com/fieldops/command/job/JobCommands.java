package com.fieldops.command.job;

import com.fieldops.events.job.JobAssigned;
import com.fieldops.events.job.JobCreated;
import com.fieldops.events.job.JobStatusChanged;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The commands of the Job aggregate: facts the jobs service reported, each carrying the event it becomes (its
 * org_id is the inbound CloudEvent's orgid).
 */
public final class JobCommands {

    private JobCommands() {
    }

    public record RecordJobCreated(@TargetAggregateIdentifier UUID jobId, JobCreated fact) {
        public RecordJobCreated(JobCreated fact) {
            this(fact.jobId(), fact);
        }

        public RecordJobCreated {
            requireSameJob(jobId, fact.jobId());
        }
    }

    public record RecordJobAssigned(@TargetAggregateIdentifier UUID jobId, JobAssigned fact) {
        public RecordJobAssigned(JobAssigned fact) {
            this(fact.jobId(), fact);
        }

        public RecordJobAssigned {
            requireSameJob(jobId, fact.jobId());
        }
    }

    public record RecordJobStatusChanged(@TargetAggregateIdentifier UUID jobId, JobStatusChanged fact) {
        public RecordJobStatusChanged(JobStatusChanged fact) {
            this(fact.jobId(), fact);
        }

        public RecordJobStatusChanged {
            requireSameJob(jobId, fact.jobId());
        }
    }

    private static void requireSameJob(UUID target, UUID inFact) {
        Objects.requireNonNull(target, "job id");
        if (!target.equals(inFact)) throw new IllegalArgumentException("the command's job is not the fact's job");
    }
}
