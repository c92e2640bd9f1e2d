package com.fieldops.command.xero;

import com.fieldops.command.activitytype.ActivityTypeUniqueness;
import com.fieldops.command.activitytype.RecordXeroItem;
import com.fieldops.command.activitytype.RecordedXeroItem;
import com.fieldops.command.activitytype.RetireXeroItem;
import com.fieldops.command.financials.RecordXeroInvoice;
import com.fieldops.command.financials.RecordedInvoice;
import com.fieldops.events.xero.XeroSyncRequested;
import com.fieldops.platform.problem.RuleViolation;
import com.fieldops.xero.XeroInvoice;
import com.fieldops.xero.XeroItem;
import com.fieldops.xero.XeroPage;
import com.fieldops.xero.XeroPort;
import com.fieldops.xero.sync.XeroSyncCommands.CompleteXeroSync;
import com.fieldops.xero.sync.XeroSyncCommands.FailXeroSync;
import com.fieldops.xero.sync.XeroSyncCommands.RecordXeroSyncProgress;
import com.fieldops.xero.sync.XeroSyncCommands.StartXeroSync;
import com.fieldops.xero.sync.XeroSyncMode;
import com.fieldops.xero.sync.XeroSyncType;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Does one requested sync from start to end, on the caller's thread: StartXeroSync, the types' records read through
 * {@link XeroPort} and sent as commands one by one (each its own transaction, so progress is visible and a failure
 * keeps what was applied before it), progress after every page (items: every {@value #ITEMS_PER_PROGRESS}), then
 * CompleteXeroSync. A failure of a record's command that the rules explain (a {@link RuleViolation}) is a per-record
 * error; anything else ends the sync with FailXeroSync and the exception's message (e.g. "reconnect Xero"), so no
 * exception leaves a sync pending or running.
 */
@Component
public class XeroSyncRunner {

    static final int ITEMS_PER_PROGRESS = 50;
    private static final Logger log = LoggerFactory.getLogger(XeroSyncRunner.class);

    private final CommandGateway commands;
    private final XeroPort xero;
    private final ActivityTypeUniqueness activityTypes;

    public XeroSyncRunner(CommandGateway commands, XeroPort xero, ActivityTypeUniqueness activityTypes) {
        this.commands = commands;
        this.xero = xero;
        this.activityTypes = activityTypes;
    }

    public void run(XeroSyncRequested requested) {
        XeroSyncRun run = new XeroSyncRun(requested.syncId(), requested.orgId());
        try {
            commands.sendAndWait(new StartXeroSync(run.syncId, null));
            XeroSyncType type = XeroSyncType.of(requested.type()).orElseThrow();
            boolean full = XeroSyncMode.FULL.label().equals(requested.mode());
            if (type == XeroSyncType.ACTIVITY_TYPES || type == XeroSyncType.ALL) syncActivityTypes(run, full);
            if (type == XeroSyncType.INVOICES || type == XeroSyncType.ALL) syncInvoices(run);
            commands.sendAndWait(new CompleteXeroSync(run.syncId, run.counts(), run.takeErrors()));
        } catch (RuntimeException failure) {
            fail(run, failure);
        }
    }

    private void fail(XeroSyncRun run, RuntimeException failure) {
        String reason = failure.getMessage() == null || failure.getMessage().isBlank()
                ? failure.getClass().getSimpleName() : failure.getMessage();
        log.warn("Xero sync {} of organisation {} failed: {}", run.syncId, run.orgId, reason, failure);
        try {
            commands.sendAndWait(new FailXeroSync(run.syncId, reason, run.counts(), run.takeErrors()));
        } catch (RuntimeException notFailed) {
            // e.g. the sync was finished meanwhile (a restart's recovery failed it): nothing is left running
            log.warn("Xero sync {} could not be failed: {}", run.syncId, notFailed.getMessage());
        }
    }

    /**
     * Items are not paged. A full pass also disables the Xero-managed types whose code Xero no longer has (items
     * without a sales price still exist in Xero, so their types stay).
     */
    private void syncActivityTypes(XeroSyncRun run, boolean full) {
        List<XeroItem> items = xero.getItems(run.orgId, null);
        Set<String> codesInXero = new HashSet<>();
        for (XeroItem item : items) {
            run.processed();
            if (item.code() != null) codesInXero.add(item.code().trim());
            recordItem(run, item);
            if (run.counts().processed() % ITEMS_PER_PROGRESS == 0) reportProgress(run);
        }
        if (full) {
            for (Map.Entry<String, UUID> held : activityTypes.xeroCodes(run.orgId).entrySet()) {
                if (!codesInXero.contains(held.getKey())
                        && commands.<Boolean>sendAndWait(new RetireXeroItem(held.getValue(), run.orgId))) {
                    run.updated();
                }
            }
        }
        reportProgress(run);
    }

    private void recordItem(XeroSyncRun run, XeroItem item) {
        String record = item.code() == null || item.code().isBlank() ? String.valueOf(item.itemId()) : item.code();
        if (item.code() == null || item.code().isBlank()) {
            run.failed(record, "has no Code: FieldOps links types to Xero Items by Code");
        } else if (item.salesUnitPrice() == null) {
            run.failed(record, "has no sales price (SalesDetails.UnitPrice), so no hourly rate: set one in Xero");
        } else {
            try {
                RecordedXeroItem recorded = commands.sendAndWait(new RecordXeroItem(run.orgId, item.code(),
                        item.name(), item.salesUnitPrice(), item.description()));
                count(run, recorded.outcome() == RecordedXeroItem.Outcome.CREATED,
                        recorded.outcome() == RecordedXeroItem.Outcome.UPDATED);
            } catch (RuleViolation refused) {
                run.failed(record, explained(refused));
            }
        }
    }

    private void syncInvoices(XeroSyncRun run) {
        for (int page = 1; ; page++) {
            XeroPage<XeroInvoice> invoices = xero.getInvoices(run.orgId, page, null);
            for (XeroInvoice invoice : invoices.records()) {
                run.processed();
                recordInvoice(run, invoice);
            }
            reportProgress(run);
            if (invoices.last()) return;
        }
    }

    private void recordInvoice(XeroSyncRun run, XeroInvoice invoice) {
        try {
            RecordedInvoice recorded = commands.sendAndWait(new RecordXeroInvoice(run.orgId, invoice.invoiceId(),
                    invoice.invoiceNumber(), invoice.contactId(), invoice.contactName(), invoice.type(),
                    invoice.status(), invoice.date(), invoice.dueDate(), invoice.total(), invoice.amountDue(),
                    invoice.amountPaid(), invoice.currencyCode(), invoice.updatedAt(), run.syncId));
            count(run, recorded.outcome() == RecordedInvoice.Outcome.CREATED,
                    recorded.outcome() == RecordedInvoice.Outcome.UPDATED);
        } catch (RuleViolation refused) {
            run.failed(invoice.invoiceNumber() == null ? String.valueOf(invoice.invoiceId())
                    : invoice.invoiceNumber(), explained(refused));
        }
    }

    private static void count(XeroSyncRun run, boolean created, boolean updated) {
        if (created) run.created();
        if (updated) run.updated();
    }

    private void reportProgress(XeroSyncRun run) {
        commands.sendAndWait(new RecordXeroSyncProgress(run.syncId, run.counts(), null, run.takeErrors()));
    }

    /** The rule's detail and its field messages, as a per-record error says it. */
    private static String explained(RuleViolation refused) {
        if (refused.errors().isEmpty()) return refused.getMessage();
        return refused.errors().stream().map(error -> error.field() + " " + error.message())
                .collect(Collectors.joining("; "));
    }
}
