package com.fieldops.command.activitytype;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;

/** Body of POST /api/activity-types. The rules are checked by the aggregate (ActivityTypeRules), not here. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreateActivityTypeRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = 255,
                description = "Unique per organisation (case-insensitive, trimmed); at most 50 characters when "
                        + "xero_code is set") String name,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", maximum = "99999999.99",
                multipleOf = 0.01, example = "95.50", description = "At most two decimals; never rounded")
        BigDecimal hourlyRate,
        @Schema(maxLength = 1000) String description,
        @Schema(maxLength = 30, description = "Xero item code, unique per organisation") String xeroCode,
        @Schema(defaultValue = "true") Boolean enabled) {
}
