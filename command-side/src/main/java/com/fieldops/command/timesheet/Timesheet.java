package com.fieldops.command.timesheet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fieldops.command.timesheet.TimesheetCommands.Actor;
import com.fieldops.command.timesheet.TimesheetCommands.ApproveTimesheet;
import com.fieldops.command.timesheet.TimesheetCommands.CreateTimesheet;
import com.fieldops.command.timesheet.TimesheetCommands.RecordTimesheetFact;
import com.fieldops.command.timesheet.TimesheetCommands.RejectTimesheet;
import com.fieldops.command.timesheet.TimesheetCommands.SubmitTimesheet;
import com.fieldops.command.timesheet.TimesheetCommands.UpdateTimesheet;
import com.fieldops.events.Change;
import com.fieldops.events.timesheet.TimesheetApproved;
import com.fieldops.events.timesheet.TimesheetCreated;
import com.fieldops.events.timesheet.TimesheetRejected;
import com.fieldops.events.timesheet.TimesheetSnapshot;
import com.fieldops.events.timesheet.TimesheetSubmitted;
import com.fieldops.events.timesheet.TimesheetUpdated;
import com.fieldops.platform.problem.FieldMessage;
import com.fieldops.platform.problem.RuleViolation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A person's hours on a job at one activity type. Its rules: valid hours and dates, at most 24 hours per person per
 * day, the owner edits and submits, the submit takes the activity type's rate (a snapshot later rate changes never
 * rewrite), the owner's manager or an admin approves or rejects, never the owner, and approved is final.
 */
@Aggregate
public class Timesheet {

    static final BigDecimal MAX_HOURS = new BigDecimal("24");
    static final int REASON_MAX = 1000;
    static final int NOTES_MAX = 2000;

    @AggregateIdentifier
    private UUID id;
    private UUID orgId;
    private UUID userId;
    private String userName;
    private UUID teamId;
    private UUID jobId;
    private UUID activityTypeId;
    private String activityTypeName;
    private LocalDate workDate;
    private BigDecimal hours;
    private BigDecimal hourlyRate;
    private BigDecimal amount;
    private TimesheetStatus status;
    private String notes;
    private Instant submittedAt;
    private UUID approvedBy;
    private Instant approvedAt;
    private String rejectedReason;
    private Instant createdAt;
    private Instant updatedAt;
    private long version = -1;

    protected Timesheet() {
        // for Axon
    }

    /** Created through {@link TimesheetCommandHandler}, which answers with the new entry. */
    Timesheet(CreateTimesheet command, TimesheetPorts.Rates rates, TimesheetPorts.Calendar calendar, DailyHours daily) {
        Actor actor = command.actor();
        boolean forThemself = actor.userId().equals(command.userId());
        if (!forThemself && !actor.isAdmin() && !"manager".equals(actor.role())) {
            throw RuleViolation.forbidden("a technician logs time for themself only");
        }
        List<FieldMessage> errors = new ArrayList<>();
        BigDecimal checkedHours = checkHours(command.hours(), errors);
        checkWorkDate(command.workDate(), calendar.today(command.orgId()), errors);
        checkNotes(command.notes(), errors);
        if (command.jobId() == null) errors.add(new FieldMessage("job_id", "is required"));
        if (command.activityTypeId() == null) errors.add(new FieldMessage("activity_type_id", "is required"));
        if (!errors.isEmpty()) throw RuleViolation.invalid(errors);
        usableType(rates, command.orgId(), command.activityTypeId());
        daily.book(command.orgId(), command.userId(), command.workDate(), command.timesheetId(), checkedHours);
        apply(new TimesheetCreated(command.timesheetId(), command.orgId(), command.userId(), command.userName(),
                command.teamId(), command.jobId(), command.activityTypeId(), command.workDate(), checkedHours,
                blankToNull(command.notes()), TimesheetCreated.SOURCE_API));
    }

    @CommandHandler
    public TimesheetResult handle(UpdateTimesheet command, TimesheetPorts.Rates rates, TimesheetPorts.Calendar calendar,
                                  DailyHours daily) {
        requireOrg(command.orgId());
        requireOwner(command.actor(), "edits");
        requireStatus("edited", TimesheetStatus.DRAFT, TimesheetStatus.REJECTED);
        List<FieldMessage> errors = new ArrayList<>();
        UUID newJob = command.has("job_id") ? command.jobId() : jobId;
        UUID newType = command.has("activity_type_id") ? command.activityTypeId() : activityTypeId;
        LocalDate newDate = command.has("work_date") ? command.workDate() : workDate;
        BigDecimal newHours = checkHours(command.has("hours") ? command.hours() : hours, errors);
        String newNotes = command.has("notes") ? blankToNull(command.notes()) : notes;
        if (newJob == null) errors.add(new FieldMessage("job_id", "is required"));
        if (newType == null) errors.add(new FieldMessage("activity_type_id", "is required"));
        if (!Objects.equals(newDate, workDate)) checkWorkDate(newDate, calendar.today(orgId), errors);
        checkNotes(newNotes, errors);
        if (!errors.isEmpty()) throw RuleViolation.invalid(errors);
        if (!newType.equals(activityTypeId)) usableType(rates, orgId, newType);
        if (!newDate.equals(workDate) || newHours.compareTo(hours) != 0) {
            daily.book(orgId, userId, newDate, id, newHours);
        }
        Change<UUID> jobChange = changeOf(jobId, newJob);
        Change<UUID> typeChange = changeOf(activityTypeId, newType);
        Change<LocalDate> dateChange = changeOf(workDate, newDate);
        Change<BigDecimal> hoursChange = newHours.compareTo(hours) == 0 ? null : Change.of(hours, newHours);
        Change<String> notesChange = changeOf(notes, newNotes);
        if (jobChange != null || typeChange != null || dateChange != null || hoursChange != null
                || notesChange != null) {
            apply(new TimesheetUpdated(id, orgId, jobChange, typeChange, dateChange, hoursChange, notesChange));
        }
        return result();
    }

    /** Takes the activity type's current rate: the entry keeps it whatever the price list does later. */
    @CommandHandler
    public TimesheetResult handle(SubmitTimesheet command, TimesheetPorts.Rates rates) {
        requireOrg(command.orgId());
        requireOwner(command.actor(), "submits");
        requireStatus("submitted", TimesheetStatus.DRAFT, TimesheetStatus.REJECTED);
        TimesheetPorts.Rate rate = usableType(rates, orgId, activityTypeId);
        Instant now = now();
        apply(new TimesheetSubmitted(new TimesheetSnapshot(id, orgId, userId, userName, teamId, jobId, activityTypeId,
                rate.name(), workDate, hours, rate.hourlyRate(), amountOf(hours, rate.hourlyRate()),
                TimesheetStatus.SUBMITTED.label(), notes, now, null, null, null, createdAt, now)));
        return result();
    }

    @CommandHandler
    public TimesheetResult handle(ApproveTimesheet command) {
        requireOrg(command.orgId());
        requireApprover(command.actor(), "approves");
        requireStatus("approved", TimesheetStatus.SUBMITTED);
        Instant now = now();
        apply(new TimesheetApproved(snapshot(TimesheetStatus.APPROVED, command.actor().userId(), now, null, now)));
        return result();
    }

    @CommandHandler
    public TimesheetResult handle(RejectTimesheet command) {
        requireOrg(command.orgId());
        String reason = blankToNull(command.reason());
        if (reason == null) throw RuleViolation.invalid("reason", "is required");
        if (reason.length() > REASON_MAX) {
            throw RuleViolation.invalid("reason", "must be at most " + REASON_MAX + " characters");
        }
        requireApprover(command.actor(), "rejects");
        requireStatus("rejected", TimesheetStatus.SUBMITTED);
        Instant now = now();
        apply(new TimesheetRejected(snapshot(TimesheetStatus.REJECTED, null, null, reason, now)));
        return result();
    }

    /**
     * A fact from the legacy timesheet service. It becomes this entry's event when it is a legal next step (or the
     * entry is new to us); one that contradicts the entry's state is refused. Its hours are booked on its day like
     * those of an entry made here (every fact carries the whole entry, so the booking follows a changed day or
     * hours), so the 24-hours rule sees both; a fact that would take the person's day past 24 hours is refused.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public TimesheetResult handle(RecordTimesheetFact command, DailyHours daily) {
        TimesheetSnapshot fact = command.fact();
        TimesheetStatus next = TimesheetStatus.of(fact.status());
        if (id != null) {
            requireOrg(fact.orgId());
            if (!userId.equals(fact.userId())) {
                throw RuleViolation.conflict("user_id", "the fact names another person than entry " + id + " has");
            }
            switch (next) {
                case SUBMITTED -> requireStatus("submitted", TimesheetStatus.DRAFT, TimesheetStatus.REJECTED);
                case APPROVED -> requireStatus("approved", TimesheetStatus.SUBMITTED);
                case REJECTED -> requireStatus("rejected", TimesheetStatus.SUBMITTED);
                default -> throw RuleViolation.invalid("status", "a fact is submitted, approved or rejected");
            }
        }
        daily.book(fact.orgId(), fact.userId(), fact.workDate(), fact.id(), fact.hours());
        apply(switch (next) {
            case SUBMITTED -> new TimesheetSubmitted(fact);
            case APPROVED -> new TimesheetApproved(fact);
            case REJECTED -> new TimesheetRejected(fact);
            default -> throw RuleViolation.invalid("status", "a fact is submitted, approved or rejected");
        });
        return result();
    }

    public TimesheetResult result() {
        return new TimesheetResult(snapshot(status, approvedBy, approvedAt, rejectedReason, updatedAt), version);
    }

    private TimesheetSnapshot snapshot(TimesheetStatus newStatus, UUID approver, Instant approved, String reason,
                                       Instant updated) {
        return new TimesheetSnapshot(id, orgId, userId, userName, teamId, jobId, activityTypeId, activityTypeName,
                workDate, hours, hourlyRate, amount, newStatus.label(), notes, submittedAt, approver, approved, reason,
                createdAt, updated);
    }

    /** hours × rate, rounded half-even to cents, in BigDecimal. */
    static BigDecimal amountOf(BigDecimal hours, BigDecimal rate) {
        return hours.multiply(rate).setScale(2, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal checkHours(BigDecimal value, List<FieldMessage> errors) {
        if (value == null) {
            errors.add(new FieldMessage("hours", "is required"));
        } else if (value.signum() <= 0 || value.compareTo(MAX_HOURS) > 0) {
            errors.add(new FieldMessage("hours", "must be more than 0 and at most 24"));
        } else if (value.stripTrailingZeros().scale() > 2) {
            errors.add(new FieldMessage("hours", "must have at most two decimals"));
        } else {
            return value.setScale(2);
        }
        return BigDecimal.ONE; // placeholder while the errors are reported
    }

    private static void checkWorkDate(LocalDate date, LocalDate today, List<FieldMessage> errors) {
        if (date == null) {
            errors.add(new FieldMessage("work_date", "is required"));
        } else if (date.isAfter(today.plusDays(1))) {
            errors.add(new FieldMessage("work_date", "must be no later than tomorrow (" + today.plusDays(1)
                    + " in the organisation's timezone)"));
        }
    }

    private static void checkNotes(String value, List<FieldMessage> errors) {
        if (value != null && value.length() > NOTES_MAX) {
            errors.add(new FieldMessage("notes", "must be at most " + NOTES_MAX + " characters"));
        }
    }

    private static TimesheetPorts.Rate usableType(TimesheetPorts.Rates rates, UUID orgId, UUID activityTypeId) {
        TimesheetPorts.Rate rate = rates.find(orgId, activityTypeId)
                .orElseThrow(() -> RuleViolation.invalid("activity_type_id", "no such activity type"));
        if (!rate.enabled()) {
            throw RuleViolation.conflict("activity_type_id", "activity type " + rate.name() + " is disabled");
        }
        return rate;
    }

    private void requireOrg(UUID callerOrg) {
        if (!orgId.equals(callerOrg)) throw RuleViolation.notFound("timesheet " + id);
    }

    private void requireOwner(Actor actor, String verb) {
        if (!actor.userId().equals(userId)) throw RuleViolation.forbidden("only the entry's owner " + verb + " it");
    }

    /** The owner's team manager or an admin; nobody approves or rejects their own entry. */
    private void requireApprover(Actor actor, String verb) {
        if (actor.userId().equals(userId)) throw RuleViolation.forbidden("nobody " + verb + " their own timesheet");
        if (!actor.isAdmin() && !actor.isManagerOf(teamId)) {
            throw RuleViolation.forbidden("only the manager of the owner's team or an admin " + verb + " it");
        }
    }

    private void requireStatus(String becoming, TimesheetStatus... allowed) {
        for (TimesheetStatus candidate : allowed) {
            if (status == candidate) return;
        }
        throw RuleViolation.conflict("status", "a " + status.label() + " timesheet cannot be " + becoming);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static <T> Change<T> changeOf(T oldValue, T newValue) {
        return Objects.equals(oldValue, newValue) ? null : Change.of(oldValue, newValue);
    }

    @EventSourcingHandler
    void on(TimesheetCreated event, @Timestamp Instant at) {
        id = event.timesheetId();
        orgId = event.orgId();
        userId = event.userId();
        userName = event.userName();
        teamId = event.teamId();
        jobId = event.jobId();
        activityTypeId = event.activityTypeId();
        workDate = event.workDate();
        hours = event.hours();
        notes = event.notes();
        status = TimesheetStatus.DRAFT;
        createdAt = at.truncatedTo(ChronoUnit.MILLIS);
        updatedAt = createdAt;
        version++;
    }

    @EventSourcingHandler
    void on(TimesheetUpdated event, @Timestamp Instant at) {
        if (event.jobId() != null) jobId = event.jobId().newValue();
        if (event.activityTypeId() != null) activityTypeId = event.activityTypeId().newValue();
        if (event.workDate() != null) workDate = event.workDate().newValue();
        if (event.hours() != null) hours = event.hours().newValue();
        if (event.notes() != null) notes = event.notes().newValue();
        updatedAt = at.truncatedTo(ChronoUnit.MILLIS);
        version++;
    }

    @EventSourcingHandler
    void on(TimesheetSubmitted event) {
        take(event.timesheet());
    }

    @EventSourcingHandler
    void on(TimesheetApproved event) {
        take(event.timesheet());
    }

    @EventSourcingHandler
    void on(TimesheetRejected event) {
        take(event.timesheet());
    }

    /** The submitted, approved and rejected events carry the whole entry. */
    private void take(TimesheetSnapshot fact) {
        id = fact.id();
        orgId = fact.orgId();
        userId = fact.userId();
        userName = fact.userName();
        teamId = fact.teamId();
        jobId = fact.jobId();
        activityTypeId = fact.activityTypeId();
        activityTypeName = fact.activityTypeName();
        workDate = fact.workDate();
        hours = fact.hours();
        hourlyRate = fact.hourlyRate();
        amount = fact.amount();
        status = TimesheetStatus.of(fact.status());
        notes = fact.notes();
        submittedAt = fact.submittedAt();
        approvedBy = fact.approvedBy();
        approvedAt = fact.approvedAt();
        rejectedReason = fact.rejectedReason();
        createdAt = fact.createdAt() != null ? fact.createdAt() : createdAt;
        updatedAt = fact.updatedAt();
        version++;
    }
}
