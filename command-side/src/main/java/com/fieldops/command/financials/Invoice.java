package com.fieldops.command.financials;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fieldops.command.messaging.ActorMetaData;
import com.fieldops.events.invoice.InvoiceRecorded;
import com.fieldops.platform.problem.FieldMessage;
import com.fieldops.platform.problem.RuleViolation;
import java.math.BigDecimal;
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
 * A Xero invoice as FieldOps knows it. Xero owns it; the rules here make syncing it safe to repeat and to reorder:
 * an invoice is recorded whole when something of it changed, a sync that finds it as recorded adds nothing, and a
 * state older than the recorded one (by Xero's UpdatedDateUTC) never overwrites it. Equal times with other content
 * are recorded: Xero does not move UpdatedDateUTC on every change.
 */
@Aggregate
public class Invoice {

    static final Set<String> TYPES = Set.of("ACCREC", "ACCPAY");
    static final Set<String> STATUSES = Set.of("DRAFT", "SUBMITTED", "AUTHORISED", "PAID", "VOIDED", "DELETED");
    static final BigDecimal MONEY_MAX = new BigDecimal("999999999999.99");
    static final int TEXT_MAX = 255;

    @AggregateIdentifier
    private UUID invoiceId;
    private InvoiceRecorded recorded;
    private long version = -1;

    protected Invoice() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public RecordedInvoice handle(RecordXeroInvoice command) {
        InvoiceRecorded candidate = checked(command);
        XeroRecordOutcome outcome = XeroRecordOutcome.of(recorded, candidate, InvoiceRecorded::xeroUpdatedAt,
                (one, other) -> one.withSyncId(other.syncId()).equals(other));
        if (outcome.records()) {
            // whoever dispatches (a saga has no user), the event is findable by its organisation
            apply(candidate, MetaData.with(ActorMetaData.ORG_ID, command.orgId().toString()));
        }
        return new RecordedInvoice(command.invoiceId(), outcome, version);
    }

    /** The event the command would record, with money at two decimals; every bad field reported at once. */
    private static InvoiceRecorded checked(RecordXeroInvoice command) {
        List<FieldMessage> errors = new ArrayList<>();
        // Set.of refuses to look for null
        if (command.type() == null || !TYPES.contains(command.type())) {
            errors.add(new FieldMessage("type", "must be ACCREC or ACCPAY"));
        }
        if (command.status() == null || !STATUSES.contains(command.status())) {
            errors.add(new FieldMessage("status", "must be one of " + String.join(", ", STATUSES.stream().sorted()
                    .toList())));
        }
        if (command.currency() == null || !command.currency().matches("[A-Z]{3}")) {
            errors.add(new FieldMessage("currency", "must be an ISO 4217 code such as NZD"));
        }
        if (command.xeroUpdatedAt() == null) errors.add(new FieldMessage("xero_updated_at", "is required"));
        checkText("invoice_number", command.invoiceNumber(), errors);
        checkText("contact_name", command.contactName(), errors);
        BigDecimal total = money("total", command.total(), errors);
        BigDecimal amountDue = money("amount_due", command.amountDue(), errors);
        BigDecimal amountPaid = money("amount_paid", command.amountPaid(), errors);
        if (!errors.isEmpty()) throw RuleViolation.invalid(errors);
        return new InvoiceRecorded(command.invoiceId(), command.orgId(), command.xeroInvoiceId(),
                command.invoiceNumber(), command.contactId(), command.contactName(), command.type(), command.status(),
                command.date(), command.dueDate(), total, amountDue, amountPaid, command.currency(),
                command.xeroUpdatedAt(), command.syncId());
    }

    private static void checkText(String field, String value, List<FieldMessage> errors) {
        if (value != null && value.length() > TEXT_MAX) {
            errors.add(new FieldMessage(field, "must be at most " + TEXT_MAX + " characters"));
        }
    }

    /** Never rounded here: the sync converts Xero's doubles to cents, anything finer is a mistake to report. */
    private static BigDecimal money(String field, BigDecimal value, List<FieldMessage> errors) {
        if (value == null) {
            errors.add(new FieldMessage(field, "is required"));
        } else if (value.signum() < 0 || value.compareTo(MONEY_MAX) > 0) {
            errors.add(new FieldMessage(field, "must be between 0 and " + MONEY_MAX.toPlainString()));
        } else if (value.stripTrailingZeros().scale() > 2) {
            errors.add(new FieldMessage(field, "must have at most two decimals"));
        } else {
            return value.setScale(2);
        }
        return null;
    }

    @EventSourcingHandler
    void on(InvoiceRecorded event) {
        invoiceId = event.invoiceId();
        recorded = event;
        version++;
    }
}
