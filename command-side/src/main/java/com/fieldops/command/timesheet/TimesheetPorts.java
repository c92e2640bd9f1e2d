package com.fieldops.command.timesheet;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/** What the Timesheet rules need to know of the rest of the domain. */
public final class TimesheetPorts {

    private TimesheetPorts() {
    }

    /** An activity type's name, current rate and whether it may be used. */
    public record Rate(String name, BigDecimal hourlyRate, boolean enabled) {
    }

    /** The price list, read from the event-sourced activity types. */
    public interface Rates {
        Optional<Rate> find(UUID orgId, UUID activityTypeId);
    }

    /** Today in the organisation's timezone. */
    public interface Calendar {
        LocalDate today(UUID orgId);
    }
}
