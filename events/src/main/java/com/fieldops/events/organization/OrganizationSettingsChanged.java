package com.fieldops.events.organization;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fieldops.events.Change;
import com.fieldops.events.EventType;
import com.fieldops.events.FieldOpsEvent;
import java.util.UUID;

/** An admin set the organisation's timezone (IANA) or currency (ISO 4217); only what changed is present. */
@EventType("fieldops.organization.settings-changed.v1")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrganizationSettingsChanged(UUID orgId, Change<String> timezone, Change<String> currency)
        implements FieldOpsEvent {
}
