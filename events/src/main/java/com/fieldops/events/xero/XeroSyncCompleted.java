package com.fieldops.events.xero;

import com.fieldops.events.EventType;
import com.fieldops.events.FieldOpsEvent;
import java.util.List;
import java.util.UUID;

/**
 * The sync went through every record: {@code status} is success, or partial when some records failed. Counts are
 * final; {@code errors} are the per-record errors new since the previous event of the sync.
 */
@EventType("fieldops.xero-sync.completed.v1")
public record XeroSyncCompleted(UUID syncId, UUID orgId, String type, String trigger, String status,
                                XeroSyncCounts counts, List<XeroSyncError> errors) implements FieldOpsEvent {

    public static final String SUCCESS = "success";
    public static final String PARTIAL = "partial";
}
