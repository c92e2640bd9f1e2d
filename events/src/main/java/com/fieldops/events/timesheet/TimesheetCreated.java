package com.fieldops.events.timesheet;

import com.fieldops.events.EventType;
import com.fieldops.events.FieldOpsEvent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A draft entry: no rate yet, that is taken when it is submitted. Version 2 added {@code source}, the channel the
 * entry was made through ({@value #SOURCE_API}: the FieldOps HTTP API); version 1 events are read with
 * {@code source = "api"} (EventVersions).
 */
@EventType("fieldops.timesheet.created.v2")
public record TimesheetCreated(UUID timesheetId, UUID orgId, UUID userId, String userName, UUID teamId, UUID jobId,
                               UUID activityTypeId, LocalDate workDate, BigDecimal hours, String notes,
                               String source)
        implements FieldOpsEvent {

    public static final String SOURCE_API = "api";
}
