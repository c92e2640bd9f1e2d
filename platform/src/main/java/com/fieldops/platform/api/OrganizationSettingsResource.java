package com.fieldops.platform.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** The organisation's settings: its IANA timezone (today and this month are counted in it) and ISO 4217 currency. */
@Schema(name = "OrganizationSettings")
public record OrganizationSettingsResource(
        @Schema(example = "Pacific/Auckland", description = "IANA zone; FIELDOPS_DEFAULT_TIMEZONE until set")
        String timezone,
        @Schema(example = "NZD", nullable = true, description = "ISO 4217 code; null until set") String currency,
        @JsonProperty("updated_at") @Schema(nullable = true, description = "null until first set") Instant updatedAt) {
}
