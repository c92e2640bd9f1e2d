package com.fieldops.command.organization;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fieldops.events.Change;
import com.fieldops.events.organization.OrganizationSettingsChanged;
import com.fieldops.platform.problem.FieldMessage;
import com.fieldops.platform.problem.RuleViolation;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
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
 * An organisation's own settings. Its id is the organisation's id; it comes into being with the first change, until
 * then the organisation runs on the defaults (FIELDOPS_DEFAULT_TIMEZONE, no currency).
 */
@Aggregate
public class Organization {

    @AggregateIdentifier
    private UUID orgId;
    private String timezone;
    private String currency;
    private Instant updatedAt;
    private long version = -1;

    protected Organization() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public OrganizationSettingsState handle(ChangeOrganizationSettings command, OrganizationDefaults defaults) {
        List<FieldMessage> errors = new ArrayList<>();
        if (command.timezone() == null && command.currency() == null) {
            errors.add(new FieldMessage("timezone", "send timezone, currency or both"));
        }
        if (command.timezone() != null && !ZoneId.getAvailableZoneIds().contains(command.timezone())) {
            errors.add(new FieldMessage("timezone", "must be an IANA time zone such as Pacific/Auckland"));
        }
        if (command.currency() != null && !isIsoCurrency(command.currency())) {
            errors.add(new FieldMessage("currency", "must be an ISO 4217 code such as NZD"));
        }
        if (!errors.isEmpty()) throw RuleViolation.invalid(errors);
        // the first change also records the timezone the organisation ran on until then, so history is complete
        String newZone = command.timezone() != null ? command.timezone()
                : timezone != null ? timezone : defaults.timezone();
        Change<String> zoneChange = Objects.equals(timezone, newZone) ? null : Change.of(timezone, newZone);
        Change<String> currencyChange = command.currency() == null || Objects.equals(command.currency(), currency)
                ? null : Change.of(currency, command.currency());
        if (zoneChange != null || currencyChange != null) {
            apply(new OrganizationSettingsChanged(command.orgId(), zoneChange, currencyChange));
        }
        return new OrganizationSettingsState(timezone, currency, updatedAt, version);
    }

    /** The organisation's timezone; null before its first settings change. */
    public String timezone() {
        return timezone;
    }

    private static boolean isIsoCurrency(String code) {
        if (!code.matches("[A-Z]{3}")) return false;
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @EventSourcingHandler
    void on(OrganizationSettingsChanged event, @Timestamp Instant at) {
        orgId = event.orgId();
        if (event.timezone() != null) timezone = event.timezone().newValue();
        if (event.currency() != null) currency = event.currency().newValue();
        updatedAt = at.truncatedTo(ChronoUnit.MILLIS);
        version++;
    }
}
