package com.fieldops.command.financials;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;

/** A month's revenue target, in the organisation's currency. */
@Schema(name = "RevenueTarget")
public record RevenueTargetResource(
        @Schema(example = "2026-02", pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$") String month,
        @Schema(example = "10000.00", minimum = "0", maximum = "99999999.99", multipleOf = 0.01) BigDecimal amount,
        @JsonProperty("updated_at") @Schema(description = "When it was last changed") Instant updatedAt) {
}
