package com.fieldops.events.job;

import com.fieldops.events.EventType;
import com.fieldops.events.FieldOpsEvent;
import java.time.Instant;
import java.util.UUID;

/** A job an internal service created; org_id is taken from the inbound CloudEvent's orgid. */
@EventType("fieldops.job.created.v1")
public record JobCreated(UUID jobId, UUID orgId, String title, String clientName, UUID assigneeId, String assigneeName,
                         UUID assigneeTeamId, Instant scheduledFor) implements FieldOpsEvent {
}
