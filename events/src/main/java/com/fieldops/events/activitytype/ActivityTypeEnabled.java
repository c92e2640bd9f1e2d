package com.fieldops.events.activitytype;

import com.fieldops.events.EventType;
import com.fieldops.events.FieldOpsEvent;
import java.util.UUID;

@EventType("fieldops.activity-type.enabled.v1")
public record ActivityTypeEnabled(UUID activityTypeId, UUID orgId) implements FieldOpsEvent {
}
