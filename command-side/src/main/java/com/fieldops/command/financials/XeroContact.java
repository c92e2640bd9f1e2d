package com.fieldops.command.financials;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fieldops.command.messaging.ActorMetaData;
import com.fieldops.events.xero.XeroContactRecorded;
import com.fieldops.platform.problem.FieldMessage;
import com.fieldops.platform.problem.RuleViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A Xero contact as far as invoices need it: its name, which Xero changes without moving the UpdatedDateUTC of the
 * contact's invoices (so an incremental invoices read never brings a rename). Xero owns it; the rules are the
 * {@link Invoice}'s, so syncing it is safe to repeat and to reorder: recorded when something changed, nothing for the
 * same state again whichever sync brings it, never an older state (by Xero's UpdatedDateUTC) over a newer one, and a
 * newer UpdatedDateUTC alone is recorded (so a late state between the two cannot pass for the newer).
 */
@Aggregate
public class XeroContact {

    static final Set<String> STATUSES = Set.of("ACTIVE", "ARCHIVED", "GDPRREQUEST");

    @AggregateIdentifier
    private UUID id;
    private XeroContactRecorded recorded;
    private long version = -1;

    protected XeroContact() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public RecordedXeroContact handle(RecordXeroContact command) {
        XeroContactRecorded candidate = checked(command);
        XeroRecordOutcome outcome = XeroRecordOutcome.of(recorded, candidate, XeroContactRecorded::xeroUpdatedAt,
                (one, other) -> one.withSyncId(other.syncId()).equals(other));
        if (outcome.records()) {
            // whoever dispatches (a saga has no user), the event is findable by its organisation
            apply(candidate, MetaData.with(ActorMetaData.ORG_ID, command.orgId().toString()));
        }
        return new RecordedXeroContact(command.id(), outcome, version);
    }

    /** The event the command would record; every bad field reported at once. */
    private static XeroContactRecorded checked(RecordXeroContact command) {
        List<FieldMessage> errors = new ArrayList<>();
        if (command.name() == null || command.name().isBlank()) {
            errors.add(new FieldMessage("name", "is required"));
        } else if (command.name().length() > Invoice.TEXT_MAX) {
            errors.add(new FieldMessage("name", "must be at most " + Invoice.TEXT_MAX + " characters"));
        }
        // Set.of refuses to look for null
        if (command.status() != null && !STATUSES.contains(command.status())) {
            errors.add(new FieldMessage("status", "must be ACTIVE, ARCHIVED or GDPRREQUEST"));
        }
        if (command.xeroUpdatedAt() == null) errors.add(new FieldMessage("xero_updated_at", "is required"));
        if (!errors.isEmpty()) throw RuleViolation.invalid(errors);
        return new XeroContactRecorded(command.orgId(), command.contactId(), command.name(), command.status(),
                command.xeroUpdatedAt(), command.syncId());
    }

    @EventSourcingHandler
    void on(XeroContactRecorded event) {
        id = RecordXeroContact.idOf(event.orgId(), event.contactId());
        recorded = event;
        version++;
    }
}
