package com.fieldops.command.activitytype;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fieldops.events.Change;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One line of a type's audit trail: who changed what, when. */
@Schema(name = "ActivityTypeHistoryEntry")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ActivityTypeHistoryEntry(UUID eventId, @Schema(example = "fieldops.activity-type.updated.v1") String type,
                                       Instant at, UUID actorId, String actorName,
                                       @Schema(description = "field -> {old, new}") Map<String, Change<?>> changes) {
}
