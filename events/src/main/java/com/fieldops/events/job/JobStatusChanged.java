package com.fieldops.events.job;

import com.fieldops.events.EventType;
import com.fieldops.events.FieldOpsEvent;
import java.time.Instant;
import java.util.UUID;

/** status is one of scheduled, in_progress, completed, cancelled; changed_at is when it happened in the field. */
@EventType("fieldops.job.status-changed.v1")
public record JobStatusChanged(UUID jobId, UUID orgId, String status, Instant changedAt) implements FieldOpsEvent {
}
