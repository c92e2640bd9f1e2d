package com.fieldops.events.xero;

import com.fieldops.events.EventType;
import com.fieldops.events.FieldOpsEvent;
import java.util.List;
import java.util.UUID;

/**
 * The sync stopped before its end ({@code error} says why, e.g. "reconnect Xero"); records applied before stay
 * applied, each whole. Counts are where it stopped; {@code errors} are the per-record errors new since the previous
 * event of the sync.
 */
@EventType("fieldops.xero-sync.failed.v1")
public record XeroSyncFailed(UUID syncId, UUID orgId, String type, String trigger, String error,
                             XeroSyncCounts counts, List<XeroSyncError> errors) implements FieldOpsEvent {
}
