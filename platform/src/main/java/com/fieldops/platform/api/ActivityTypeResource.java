package com.fieldops.platform.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** An entry of the price list as the API shows it (the brief's ActivityType, snake_case); both sides answer with it. */
@Schema(name = "ActivityType", description = "A service category with its hourly rate, mapped to a Xero Item")
public record ActivityTypeResource(
        UUID id,
        @Schema(example = "Electrical") String name,
        @JsonProperty("hourly_rate") @Schema(type = "number", example = "95.50", description = "Two decimals")
        BigDecimal hourlyRate,
        @Schema(nullable = true) String description,
        @JsonProperty("xero_code") @Schema(nullable = true, example = "ELEC-01") String xeroCode,
        @JsonProperty("xero_managed") @Schema(description = "Name and rate change only through Xero")
        boolean xeroManaged,
        boolean enabled,
        @JsonProperty("created_at") @Schema(example = "2026-01-23T14:30:00Z") Instant createdAt,
        @JsonProperty("updated_at") @Schema(example = "2026-01-23T14:30:00Z") Instant updatedAt,
        @JsonProperty("xero_push_error")
        @Schema(nullable = true, example = "Price List Item with Code 'ELEC-01' already exists", description = "Why the last push of the type to Xero failed (Xero's messages, joined by \"; \"); "
                        + "null when it succeeded or none was due. Pushes happen shortly after a change")
        String xeroPushError) {
}
