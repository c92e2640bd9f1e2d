package com.fieldops.events.timesheet;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fieldops.events.EventType;
import com.fieldops.events.FieldOpsEvent;
import java.util.UUID;

/** The entry as it stands once submitted: its data is the Timesheet resource's fields, flat. */
@EventType("fieldops.timesheet.submitted.v1")
public record TimesheetSubmitted(@JsonValue TimesheetSnapshot timesheet) implements FieldOpsEvent {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public TimesheetSubmitted {
    }

    @Override
    public UUID orgId() {
        return timesheet.orgId();
    }
}
