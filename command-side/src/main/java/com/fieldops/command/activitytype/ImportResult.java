package com.fieldops.command.activitytype;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What a bulk import did (or, in a dry run, would do). */
@Schema(name = "ActivityTypeImportResult")
public record ImportResult(
        @Schema(description = "rows imported: created + updated") int imported,
        int created,
        int updated,
        @JsonProperty("dry_run") boolean dryRun,
        @Schema(description = "one entry per problem; rows are numbered as a spreadsheet shows them: the header "
                + "is row 1, the first data row is row 2 (a quoted field spanning lines is still one row)")
        List<ImportError> errors,
        @JsonIgnore Map<UUID, Long> versions) {

    @Schema(name = "ActivityTypeImportError")
    public record ImportError(int row, String field, String message) {
    }
}
