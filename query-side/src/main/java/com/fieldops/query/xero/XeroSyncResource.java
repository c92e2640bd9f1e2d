package com.fieldops.query.xero;

import com.fieldops.events.xero.XeroSyncError;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One sync as the log shows it (DESIGN §5 GET /financials/xero-sync/{syncId}, plus its trigger, counts and error). */
public record XeroSyncResource(
        UUID syncId,
        @Schema(allowableValues = {"activity_types", "invoices", "contacts", "payments", "all"}) String type,
        @Schema(allowableValues = {"api", "schedule", "webhook", "activity_types_endpoint"}) String trigger,
        @Schema(allowableValues = {"pending", "running", "success", "partial", "error"}) String status,
        @Schema(description = "0..100; null while the number of records is not known yet", nullable = true)
        Integer progress,
        int recordsProcessed,
        int recordsCreated,
        int recordsUpdated,
        int recordsFailed,
        @Schema(description = "per-record errors; the first 100 of a sync are kept") List<XeroSyncError> errors,
        @Schema(description = "why the sync failed (status error)", nullable = true) String error,
        Instant requestedAt,
        @Schema(nullable = true) Instant startedAt,
        @Schema(description = "when it finished (success, partial or error)", nullable = true) Instant completedAt) {
}
