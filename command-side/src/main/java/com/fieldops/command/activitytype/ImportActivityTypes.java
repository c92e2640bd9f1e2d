package com.fieldops.command.activitytype;

import java.util.List;
import java.util.UUID;

/** One bulk import: all its rows are applied in one unit of work; a dry run rolls that unit back. */
public record ImportActivityTypes(UUID importId, UUID orgId, List<ActivityTypeCsv.Row> rows, Mode mode,
                                  boolean dryRun) {

    public enum Mode {
        /** Every row creates a type; a row matching an existing type is an error. */
        CREATE,
        /** A row matching an existing type (by xero_code, else by name) updates it. */
        UPSERT;

        public String label() {
            return name().toLowerCase();
        }
    }
}
