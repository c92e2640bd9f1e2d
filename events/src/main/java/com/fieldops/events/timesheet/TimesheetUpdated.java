package com.fieldops.events.timesheet;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fieldops.events.Change;
import com.fieldops.events.EventType;
import com.fieldops.events.FieldOpsEvent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** A draft or rejected entry edited by its owner; only what changed is present. */
@EventType("fieldops.timesheet.updated.v1")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimesheetUpdated(UUID timesheetId, UUID orgId, Change<UUID> jobId, Change<UUID> activityTypeId,
                               Change<LocalDate> workDate, Change<BigDecimal> hours, Change<String> notes)
        implements FieldOpsEvent {
}
