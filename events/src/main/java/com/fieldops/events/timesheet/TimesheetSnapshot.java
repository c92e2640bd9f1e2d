package com.fieldops.events.timesheet;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A timesheet entry as a whole: the Timesheet resource's fields plus its organisation. The submitted, approved and
 * rejected events carry it entire, so a fact from the legacy timesheet service and our own event look alike.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TimesheetSnapshot(UUID id, UUID orgId, UUID userId, String userName, UUID teamId, UUID jobId,
                                UUID activityTypeId, String activityTypeName, LocalDate workDate, BigDecimal hours,
                                BigDecimal hourlyRate, BigDecimal amount, String status, String notes,
                                Instant submittedAt, UUID approvedBy, Instant approvedAt, String rejectedReason,
                                Instant createdAt, Instant updatedAt) {
}
