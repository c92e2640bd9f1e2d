package com.fieldops.command.activitytype;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The ActivityType resource as the command endpoints answer it; the same shape the query side serves. */
@Schema(name = "ActivityType")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ActivityTypeResponse(UUID id, String name, @Schema(example = "95.50") BigDecimal hourlyRate,
                                   String description, String xeroCode, boolean xeroManaged, boolean enabled,
                                   Instant createdAt, Instant updatedAt) {

    static ActivityTypeResponse of(ActivityTypeState state) {
        return new ActivityTypeResponse(state.id(), state.name(), state.hourlyRate(), state.description(),
                state.xeroCode(), state.xeroManaged(), state.enabled(), state.createdAt(), state.updatedAt());
    }
}
