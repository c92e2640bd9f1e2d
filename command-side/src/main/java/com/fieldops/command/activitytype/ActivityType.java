package com.fieldops.command.activitytype;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fieldops.events.Change;
import com.fieldops.events.activitytype.ActivityTypeCreated;
import com.fieldops.events.activitytype.ActivityTypeDisabled;
import com.fieldops.events.activitytype.ActivityTypeEnabled;
import com.fieldops.events.activitytype.ActivityTypeUpdated;
import com.fieldops.events.activitytype.ActivityTypeXeroPushFailed;
import com.fieldops.events.activitytype.ActivityTypeXeroPushed;
import com.fieldops.platform.problem.RuleViolation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One entry of an organisation's price list. It holds the rules: valid fields, names and Xero codes unique per
 * organisation (through {@link ActivityTypeUniqueness}), Xero-managed name and rate changed only by Xero.
 */
@Aggregate
public class ActivityType {

    @AggregateIdentifier
    private UUID id;
    private UUID orgId;
    private String name;
    private BigDecimal hourlyRate;
    private String description;
    private String xeroCode;
    private boolean xeroManaged;
    private boolean enabled;
    private Instant createdAt;
    private Instant updatedAt;
    /** Why the last push to Xero failed; null when it succeeded or none was made. */
    private String xeroPushError;
    private long version = -1;

    protected ActivityType() {
        // for Axon's event sourcing
    }

    /** Created through {@link ActivityTypeCommandHandler}, which answers with the new state, or by a bulk import. */
    ActivityType(CreateActivityType command, UniqueKeys uniqueness) {
        this(command.activityTypeId(), command.orgId(), ActivityTypeRules.check(command.name(), command.hourlyRate(),
                command.description(), command.xeroCode()), false, command.enabled(), uniqueness);
    }

    /** A Xero Item with a code no type holds: a new, enabled, Xero-managed type. */
    ActivityType(UUID activityTypeId, RecordXeroItem command, UniqueKeys uniqueness) {
        this(activityTypeId, command.orgId(), ActivityTypeRules.check(command.name(), command.hourlyRate(),
                command.description(), command.code()), true, true, uniqueness);
    }

    private ActivityType(UUID activityTypeId, UUID orgId, ActivityTypeRules.Fields fields, boolean xeroManaged,
                         boolean enabled, UniqueKeys uniqueness) {
        uniqueness.claimName(orgId, fields.name(), activityTypeId);
        if (fields.xeroCode() != null) uniqueness.claimXeroCode(orgId, fields.xeroCode(), activityTypeId);
        apply(new ActivityTypeCreated(activityTypeId, orgId, fields.name(), fields.hourlyRate(), fields.description(),
                fields.xeroCode(), xeroManaged, enabled));
    }

    @CommandHandler
    public ActivityTypeState handle(UpdateActivityType command, ActivityTypeUniqueness uniqueness) {
        requireOrg(command.orgId());
        ActivityTypeRules.Fields fields = ActivityTypeRules.check(
                command.has("name") ? command.name() : name,
                command.has("hourly_rate") ? command.hourlyRate() : hourlyRate,
                command.has("description") ? command.description() : description,
                command.has("xero_code") ? command.xeroCode() : xeroCode);
        Change<String> nameChange = changeOf(name, fields.name());
        Change<BigDecimal> rateChange = hourlyRate.compareTo(fields.hourlyRate()) == 0 ? null
                : Change.of(hourlyRate, fields.hourlyRate());
        if (xeroManaged && nameChange != null) {
            throw RuleViolation.forbiddenChange("name", "name of a Xero-managed activity type changes only in Xero");
        }
        if (xeroManaged && rateChange != null) {
            throw RuleViolation.forbiddenChange("hourly_rate",
                    "hourly_rate of a Xero-managed activity type changes only in Xero");
        }
        Change<String> codeChange = changeOf(xeroCode, fields.xeroCode());
        renameKey(fields.name(), uniqueness);
        if (codeChange != null) {
            if (fields.xeroCode() != null) uniqueness.claimXeroCode(orgId, fields.xeroCode(), id);
            if (xeroCode != null) uniqueness.releaseXeroCode(orgId, xeroCode, id);
        }
        Change<String> descriptionChange = changeOf(description, fields.description());
        if (nameChange != null || rateChange != null || descriptionChange != null || codeChange != null) {
            apply(new ActivityTypeUpdated(id, orgId, nameChange, rateChange, descriptionChange, codeChange));
        }
        if (command.has("enabled") && command.enabled() != null && command.enabled() != enabled) {
            apply(command.enabled() ? new ActivityTypeEnabled(id, orgId) : new ActivityTypeDisabled(id, orgId));
        }
        return state();
    }

    /**
     * Xero's name and rate for a Xero-managed type (its description and enabled flag stay FieldOps'); a type an
     * admin linked to the code by hand is left alone.
     */
    RecordedXeroItem.Outcome record(RecordXeroItem command, ActivityTypeUniqueness uniqueness) {
        requireOrg(command.orgId());
        if (!xeroManaged) return RecordedXeroItem.Outcome.UNCHANGED;
        ActivityTypeRules.Fields fields = ActivityTypeRules.check(command.name(), command.hourlyRate(), description,
                xeroCode);
        Change<String> nameChange = changeOf(name, fields.name());
        Change<BigDecimal> rateChange = hourlyRate.compareTo(fields.hourlyRate()) == 0 ? null
                : Change.of(hourlyRate, fields.hourlyRate());
        if (nameChange == null && rateChange == null) return RecordedXeroItem.Outcome.UNCHANGED;
        renameKey(fields.name(), uniqueness);
        apply(new ActivityTypeUpdated(id, orgId, nameChange, rateChange, null, null));
        return RecordedXeroItem.Outcome.UPDATED;
    }

    @CommandHandler
    public boolean handle(RetireXeroItem command) {
        requireOrg(command.orgId());
        if (!xeroManaged || !enabled) return false;
        apply(new ActivityTypeDisabled(id, orgId));
        return true;
    }

    /**
     * Every failed push is recorded (each is a separate attempt someone may need to act on). Messages are trimmed to
     * the event's limits; a failure without any message still says that Xero refused it.
     */
    @CommandHandler
    public void handle(RecordXeroPushRejected command) {
        requireOrg(command.orgId());
        List<String> errors = command.errors().stream().filter(error -> error != null && !error.isBlank())
                .map(error -> cut(error.strip(), ActivityTypeXeroPushFailed.MAX_ERROR_LENGTH))
                .distinct().limit(ActivityTypeXeroPushFailed.MAX_ERRORS).toList();
        apply(new ActivityTypeXeroPushFailed(id, orgId, command.xeroCode(),
                errors.isEmpty() ? List.of("Xero refused the item without a reason") : errors));
    }

    /** A success matters only when it resolves a failure: otherwise nothing changed. */
    @CommandHandler
    public void handle(RecordXeroPushed command) {
        requireOrg(command.orgId());
        if (xeroPushError != null) apply(new ActivityTypeXeroPushed(id, orgId, command.xeroCode()));
    }

    /** DELETE is a soft delete; disabling a disabled type changes nothing. */
    @CommandHandler
    public ActivityTypeState handle(DisableActivityType command) {
        requireOrg(command.orgId());
        if (enabled) apply(new ActivityTypeDisabled(id, orgId));
        return state();
    }

    /** Moves the name's uniqueness claim when the new name differs in more than case and spacing. */
    private void renameKey(String newName, ActivityTypeUniqueness uniqueness) {
        if (ActivityTypeRules.nameKey(name).equals(ActivityTypeRules.nameKey(newName))) return;
        uniqueness.claimName(orgId, newName, id);
        uniqueness.releaseName(orgId, name, id);
    }

    /** A type of another organisation does not exist for the caller. */
    private void requireOrg(UUID callerOrg) {
        if (!orgId.equals(callerOrg)) throw RuleViolation.notFound("activity type " + id);
    }

    public ActivityTypeState state() {
        return new ActivityTypeState(id, orgId, name, hourlyRate, description, xeroCode, xeroManaged, enabled,
                createdAt, updatedAt, xeroPushError, version);
    }

    @EventSourcingHandler
    void on(ActivityTypeCreated event, @Timestamp Instant at) {
        id = event.activityTypeId();
        orgId = event.orgId();
        name = event.name();
        hourlyRate = event.hourlyRate();
        description = event.description();
        xeroCode = event.xeroCode();
        xeroManaged = event.xeroManaged();
        enabled = event.enabled();
        createdAt = at.truncatedTo(ChronoUnit.MILLIS);
        touched(at);
    }

    @EventSourcingHandler
    void on(ActivityTypeUpdated event, @Timestamp Instant at) {
        if (event.name() != null) name = event.name().newValue();
        if (event.hourlyRate() != null) hourlyRate = event.hourlyRate().newValue();
        if (event.description() != null) description = event.description().newValue();
        if (event.xeroCode() != null) xeroCode = event.xeroCode().newValue();
        touched(at);
    }

    @EventSourcingHandler
    void on(ActivityTypeDisabled event, @Timestamp Instant at) {
        enabled = false;
        touched(at);
    }

    @EventSourcingHandler
    void on(ActivityTypeEnabled event, @Timestamp Instant at) {
        enabled = true;
        touched(at);
    }

    /** A push's outcome is no change of the type's fields: updated_at stays. */
    @EventSourcingHandler
    void on(ActivityTypeXeroPushFailed event) {
        xeroPushError = event.summary();
        version++;
    }

    @EventSourcingHandler
    void on(ActivityTypeXeroPushed event) {
        xeroPushError = null;
        version++;
    }

    private void touched(Instant at) {
        updatedAt = at.truncatedTo(ChronoUnit.MILLIS);
        version++;
    }

    private static String cut(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }

    private static Change<String> changeOf(String oldValue, String newValue) {
        return Objects.equals(oldValue, newValue) ? null : Change.of(oldValue, newValue);
    }
}
