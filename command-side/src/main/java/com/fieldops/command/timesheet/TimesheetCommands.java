package com.fieldops.command.timesheet;

import com.fieldops.events.timesheet.TimesheetSnapshot;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The commands of the Timesheet aggregate. {@link Actor} is who sends them, as the aggregate's rules need it. */
public final class TimesheetCommands {

    private TimesheetCommands() {
    }

    /** The caller as the timesheet rules see them. */
    public record Actor(UUID userId, String name, String role, UUID teamId) {
        boolean isAdmin() {
            return "admin".equals(role);
        }

        boolean isManagerOf(UUID team) {
            return "manager".equals(role) && teamId != null && teamId.equals(team);
        }
    }

    public record CreateTimesheet(UUID timesheetId, UUID orgId, Actor actor, UUID userId, String userName,
                                  UUID teamId, UUID jobId, UUID activityTypeId, LocalDate workDate, BigDecimal hours,
                                  String notes) {
    }

    /** A partial edit: {@code fields} names what was sent (snake_case). */
    public record UpdateTimesheet(@TargetAggregateIdentifier UUID timesheetId, UUID orgId, Actor actor,
                                  Set<String> fields, UUID jobId, UUID activityTypeId, LocalDate workDate,
                                  BigDecimal hours, String notes) {
        boolean has(String field) {
            return fields.contains(field);
        }
    }

    public record SubmitTimesheet(@TargetAggregateIdentifier UUID timesheetId, UUID orgId, Actor actor) {
    }

    public record ApproveTimesheet(@TargetAggregateIdentifier UUID timesheetId, UUID orgId, Actor actor) {
    }

    public record RejectTimesheet(@TargetAggregateIdentifier UUID timesheetId, UUID orgId, Actor actor,
                                  String reason) {
    }

    /** A fact from the legacy timesheet service (submitted, approved or rejected), with the entry's full data. */
    public record RecordTimesheetFact(@TargetAggregateIdentifier UUID timesheetId, TimesheetSnapshot fact) {
    }
}
