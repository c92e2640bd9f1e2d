package com.fieldops.query.history;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;

/**
 * The OpenAPI description of one line of the export: {@link com.fieldops.events.CloudEvent} as it is written (the
 * published contract in module events stays free of OpenAPI annotations). Documentation only.
 */
@Schema(name = "CloudEvent", description = "A CloudEvent 1.0 in structured JSON mode with FieldOps' extension "
        + "attributes (lowercase alphanumeric names, as CloudEvents requires)")
record ExportedEvent(
        @Schema(example = "1.0", requiredMode = Schema.RequiredMode.REQUIRED) String specversion,
        @Schema(description = "the event's id; the same event sent twice has the same id", format = "uuid",
                requiredMode = Schema.RequiredMode.REQUIRED) String id,
        @Schema(example = "/fieldops/command-side", requiredMode = Schema.RequiredMode.REQUIRED) String source,
        @Schema(example = "fieldops.timesheet.submitted.v1", requiredMode = Schema.RequiredMode.REQUIRED) String type,
        @Schema(description = "the aggregate's id (for a bulk import, the import's id)") String subject,
        @Schema(description = "when it happened, UTC, milliseconds", requiredMode = Schema.RequiredMode.REQUIRED)
        Instant time,
        @Schema(example = "application/json") String datacontenttype,
        @Schema(description = "extension: the organisation", format = "uuid") String orgid,
        @Schema(description = "extension: who did it", format = "uuid") String actorid,
        @Schema(description = "extension: their name, or an internal service's source") String actorname,
        @Schema(description = "extension: the event's number in its aggregate, from 0; absent for a bulk import")
        Long sequence,
        @Schema(description = "extension: the event's global index in the event store; resume an export with "
                + "after=<position>", requiredMode = Schema.RequiredMode.REQUIRED) Long position,
        @Schema(description = "the event's fields, snake_case, as the type's JSON Schema describes (docs/analysts.md)")
        Map<String, Object> data) {
}
