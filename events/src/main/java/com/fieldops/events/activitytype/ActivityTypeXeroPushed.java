package com.fieldops.events.activitytype;

import com.fieldops.events.EventType;
import com.fieldops.events.FieldOpsEvent;
import java.util.UUID;

/**
 * The type reached Xero as the Item {@code xeroCode} after its previous push had failed: the failure is resolved.
 * A push that succeeds after a success is no event (nothing changed that anyone needs to know).
 */
@EventType("fieldops.activity-type.xero-pushed.v1")
public record ActivityTypeXeroPushed(UUID activityTypeId, UUID orgId, String xeroCode) implements FieldOpsEvent {
}
