package com.fieldops.command.timesheet;

import com.fieldops.events.timesheet.TimesheetSnapshot;

/** The entry after a command; {@code version} is the sequence number of its last event. */
public record TimesheetResult(TimesheetSnapshot timesheet, long version) {
}
