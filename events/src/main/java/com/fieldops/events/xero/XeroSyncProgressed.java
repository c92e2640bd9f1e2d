package com.fieldops.events.xero;

import com.fieldops.events.EventType;
import com.fieldops.events.FieldOpsEvent;
import java.util.List;
import java.util.UUID;

/**
 * A running sync moved on: {@code counts} are cumulative, {@code total} the records expected (when known),
 * {@code errors} the per-record errors new since the previous event (only the first 100 of a sync are kept).
 */
@EventType("fieldops.xero-sync.progressed.v1")
public record XeroSyncProgressed(UUID syncId, UUID orgId, XeroSyncCounts counts, Integer total,
                                 List<XeroSyncError> errors) implements FieldOpsEvent {
}
