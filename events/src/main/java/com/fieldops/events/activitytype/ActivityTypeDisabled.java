package com.fieldops.events.activitytype;

import com.fieldops.events.EventType;
import com.fieldops.events.FieldOpsEvent;
import java.util.UUID;

@EventType("fieldops.activity-type.disabled.v1")
public record ActivityTypeDisabled(UUID activityTypeId, UUID orgId) implements FieldOpsEvent {
}
