package com.fieldops.platform.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A timesheet entry as the API shows it; both sides answer with it. Rate and amount are set when submitted. */
@Schema(name = "Timesheet")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TimesheetResource(
        UUID id, UUID userId, @Schema(nullable = true) String userName, @Schema(nullable = true) UUID teamId,
        UUID jobId, UUID activityTypeId, @Schema(nullable = true) String activityTypeName,
        @Schema(example = "2026-01-23") LocalDate workDate, @Schema(example = "3.50") BigDecimal hours,
        @Schema(nullable = true, example = "95.50", description = "the activity type's rate when submitted")
        BigDecimal hourlyRate,
        @Schema(nullable = true, example = "334.25", description = "hours × rate, half-even to cents")
        BigDecimal amount,
        @Schema(allowableValues = {"draft", "submitted", "approved", "rejected"}) String status,
        @Schema(nullable = true) String notes, @Schema(nullable = true) Instant submittedAt,
        @Schema(nullable = true) UUID approvedBy, @Schema(nullable = true) Instant approvedAt,
        @Schema(nullable = true) String rejectedReason, Instant createdAt, Instant updatedAt) {
}
