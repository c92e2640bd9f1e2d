package com.fieldops.events.job;

import com.fieldops.events.EventType;
import com.fieldops.events.FieldOpsEvent;
import java.util.UUID;

@EventType("fieldops.job.assigned.v1")
public record JobAssigned(UUID jobId, UUID orgId, UUID assigneeId, String assigneeName, UUID assigneeTeamId)
        implements FieldOpsEvent {
}
