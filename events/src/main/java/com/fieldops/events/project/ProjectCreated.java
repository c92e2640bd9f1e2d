package com.fieldops.events.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fieldops.events.EventType;
import com.fieldops.events.FieldOpsEvent;
import java.util.UUID;

@EventType("fieldops.project.created.v1")
public record ProjectCreated(UUID projectId, UUID orgId, String name, String clientName, JsonNode changes)
        implements FieldOpsEvent {

    /** JSON null and an absent field both mean "no changes listed". */
    public ProjectCreated {
        if (changes != null && changes.isNull()) changes = null;
    }
}
