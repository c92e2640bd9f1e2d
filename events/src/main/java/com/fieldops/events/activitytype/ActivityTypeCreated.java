package com.fieldops.events.activitytype;

import com.fieldops.events.EventType;
import com.fieldops.events.FieldOpsEvent;
import java.math.BigDecimal;
import java.util.UUID;

@EventType("fieldops.activity-type.created.v1")
public record ActivityTypeCreated(UUID activityTypeId, UUID orgId, String name, BigDecimal hourlyRate,
                                  String description, String xeroCode, boolean xeroManaged, boolean enabled)
        implements FieldOpsEvent {
}
