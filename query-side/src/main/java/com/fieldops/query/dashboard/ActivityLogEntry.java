package com.fieldops.query.dashboard;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** One line of the activity feed (the brief's ActivityLogEntry). */
@Schema(name = "ActivityLogEntry")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ActivityLogEntry(
        UUID id, @Schema(nullable = true, description = "who did it") UUID userId,
        @Schema(nullable = true) String userName,
        @Schema(example = "timesheet_approved") String action,
        @Schema(example = "timesheet") String resourceType, @Schema(nullable = true) UUID resourceId,
        @Schema(nullable = true, example = "Jane Smith's timesheet for 2026-01-23 (3.5 h Electrical)")
        String resourceName,
        // the stored JSON as it is: parsing it only to write it again was a fifth of a feed page's CPU
        @Schema(nullable = true, implementation = JsonNode.class,
                description = "what changed, e.g. {field: {old, new}}")
        @JsonRawValue String details,
        Instant createdAt) {
}
