package com.fieldops.events.activitytype;

import com.fieldops.events.EventType;
import com.fieldops.events.FieldOpsEvent;
import java.util.UUID;

/** One bulk import: a single feed-worthy fact with its counts, beside the per-type created/updated events. */
@EventType("fieldops.activity-type.imported.v1")
public record ActivityTypesImported(UUID importId, UUID orgId, String mode, int rows, int created, int updated,
                                    int failed) implements FieldOpsEvent {
}
