package com.fieldops.events.xero;

import com.fieldops.events.EventType;
import com.fieldops.events.FieldOpsEvent;
import java.util.UUID;

/** The saga began talking to Xero for the sync; {@code total} is the number of records expected, when known. */
@EventType("fieldops.xero-sync.started.v1")
public record XeroSyncStarted(UUID syncId, UUID orgId, String type, Integer total) implements FieldOpsEvent {
}
