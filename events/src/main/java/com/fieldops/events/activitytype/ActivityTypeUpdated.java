package com.fieldops.events.activitytype;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fieldops.events.Change;
import com.fieldops.events.EventType;
import com.fieldops.events.FieldOpsEvent;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Only the fields that changed are present; each carries its old and new value. */
@EventType("fieldops.activity-type.updated.v1")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActivityTypeUpdated(UUID activityTypeId, UUID orgId, Change<String> name, Change<BigDecimal> hourlyRate,
                                  Change<String> description, Change<String> xeroCode) implements FieldOpsEvent {

    /** The changes keyed by their snake_case field name, in a stable order. */
    public Map<String, Change<?>> changes() {
        Map<String, Change<?>> changes = new LinkedHashMap<>();
        if (name != null) changes.put("name", name);
        if (hourlyRate != null) changes.put("hourly_rate", hourlyRate);
        if (description != null) changes.put("description", description);
        if (xeroCode != null) changes.put("xero_code", xeroCode);
        return changes;
    }
}
