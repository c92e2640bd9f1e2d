package com.fieldops.events.timesheet;

import com.fieldops.events.EventType;
import com.fieldops.events.FieldOpsEvent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** A draft entry: no rate yet, that is taken when it is submitted. */
@EventType("fieldops.timesheet.created.v1")
public record TimesheetCreated(UUID timesheetId, UUID orgId, UUID userId, String userName, UUID teamId, UUID jobId,
                               UUID activityTypeId, LocalDate workDate, BigDecimal hours, String notes)
        implements FieldOpsEvent {
}
