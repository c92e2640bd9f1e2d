package com.fieldops.events.xero;

import com.fieldops.events.EventType;
import com.fieldops.events.FieldOpsEvent;
import java.util.UUID;

/**
 * A Xero sync was asked for: the sync saga starts it. {@code type} is activity_types, invoices, contacts, payments
 * or all; {@code trigger} api, schedule, webhook or activity_types_endpoint; {@code mode} full (every record) or
 * incremental (changed since the last sync).
 */
@EventType("fieldops.xero-sync.requested.v1")
public record XeroSyncRequested(UUID syncId, UUID orgId, String type, String trigger, String mode)
        implements FieldOpsEvent {
}
