package com.fieldops.command.xero;

import com.fieldops.command.activitytype.ActivityTypeUniqueness;
import com.fieldops.command.activitytype.RecordXeroItem;
import com.fieldops.command.activitytype.RecordedXeroItem;
import com.fieldops.command.activitytype.RetireXeroItem;
import com.fieldops.command.financials.RecordXeroContact;
import com.fieldops.command.financials.RecordXeroInvoice;
import com.fieldops.command.financials.RecordedInvoice;
import com.fieldops.command.financials.RecordedXeroContact;
import com.fieldops.command.financials.XeroRecordOutcome;
import com.fieldops.command.messaging.ActorMetaData;
import com.fieldops.platform.problem.RuleViolation;
import com.fieldops.xero.XeroContact;
import com.fieldops.xero.XeroException;
import com.fieldops.xero.XeroInvoice;
import com.fieldops.xero.XeroItem;
import com.fieldops.xero.XeroPage;
import com.fieldops.xero.XeroPort;
import com.fieldops.xero.XeroUnavailable;
import com.fieldops.xero.sync.XeroSyncCommands.CompleteXeroSync;
import com.fieldops.xero.sync.XeroSyncCommands.FailXeroSync;
import com.fieldops.xero.sync.XeroSyncCommands.RecordXeroSyncProgress;
import com.fieldops.xero.sync.XeroSyncCommands.StartXeroSync;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of a sync against Xero's API: the first starts the sync; each reads one response (all Items, or one page
 * of Invoices or Contacts) through {@link XeroPort} and sends a command per record, then the progress (or, after the
 * last, CompleteXeroSync). Commands join the step's transaction (the deadline's unit of work), so a step is applied
 * whole or not at all, and a restart re-runs it from the saga's cursor: items are matched by Code, invoices and
 * contacts by name-based ids, so a re-run converges.
 *
 * <p>A record's command refused by the rules ({@link RuleViolation}, e.g. a name another type has) is a per-record
 * error and the step goes on: a refused nested command does not doom the step's transaction (Axon rolls back only
 * transactions it began). Xero not answering after the port's tries ({@link XeroUnavailable}) is handed to the saga
 * to retry later; Xero refusing ({@link XeroException}: not connected, "reconnect Xero", rejected) fails the sync.
 * Anything else (e.g. PostgreSQL failing) rolls the step back and the deadline is tried again.
 */
@Component
class XeroApiSyncSteps implements XeroSyncSteps, DisposableBean {

    /** The actor of the changes a sync makes to activity types and invoices. */
    static final String ACTOR = "Xero sync";
    private static final Logger log = LoggerFactory.getLogger(XeroApiSyncSteps.class);

    private final CommandGateway commands;
    private final XeroPort xero;
    private final ActivityTypeUniqueness activityTypes;
    private final XeroSyncWatermarks watermarks;
    private final List<Duration> retryDelays;
    /**
     * Xero is called from a thread of its own: the port's rate limiter and token refresh commit their short
     * transactions (row locks other processes wait for) at once, not with the step's long one.
     */
    private final ExecutorService xeroCalls = Executors.newCachedThreadPool(new CustomizableThreadFactory("xero-call-"));

    XeroApiSyncSteps(CommandGateway commands, XeroPort xero, ActivityTypeUniqueness activityTypes,
                     XeroSyncWatermarks watermarks, XeroSyncSagaSettings settings) {
        this.commands = commands;
        this.xero = xero;
        this.activityTypes = activityTypes;
        this.watermarks = watermarks;
        this.retryDelays = List.copyOf(settings.retryDelays());
    }

    @Override
    public Optional<Duration> retryDelay(int attempt) {
        return attempt < retryDelays.size() ? Optional.of(retryDelays.get(attempt)) : Optional.empty();
    }

    @Override
    public XeroSyncStepOutcome run(XeroSyncJob job, XeroSyncCursor cursor) {
        XeroSyncRun run = new XeroSyncRun(job.syncId(), job.orgId(), cursor.counts());
        try {
            if (!cursor.started()) {
                if (!start(job)) return XeroSyncStepOutcome.ended();
                cursor = cursor.asStarted();
            }
            XeroSyncCursor planned = cursor.stage() == null ? null
                    : watermarks.plan(job.orgId(), cursor, job.fullRequested());
            XeroSyncCursor next = planned == null ? null : switch (planned.stage()) {
                case ITEMS -> readItems(job, run, planned);
                case INVOICES -> readPage(job, run, planned, xero::getInvoices, this::recordInvoice);
                case CONTACTS -> readPage(job, run, planned, xero::getContacts, this::recordContact);
            };
            if (next == null || next.stage() == null) {
                commands.sendAndWait(new CompleteXeroSync(job.syncId(), run.counts(), run.takeErrors()));
                return XeroSyncStepOutcome.ended();
            }
            commands.sendAndWait(new RecordXeroSyncProgress(job.syncId(), run.counts(), null, run.takeErrors()));
            return XeroSyncStepOutcome.continueWith(next);
        } catch (XeroUnavailable unavailable) {
            log.warn("Xero sync {} of organisation {}: Xero did not answer: {}", job.syncId(), job.orgId(),
                    unavailable.getMessage());
            return XeroSyncStepOutcome.unavailable(reason(unavailable));
        } catch (XeroException refused) {
            log.warn("Xero sync {} of organisation {} failed: {}", job.syncId(), job.orgId(), reason(refused));
            commands.sendAndWait(new FailXeroSync(job.syncId(), reason(refused), run.counts(), run.takeErrors()));
            return XeroSyncStepOutcome.ended();
        }
    }

    /** False when the sync was finished meanwhile (e.g. failed by a person or another process): nothing to do. */
    private boolean start(XeroSyncJob job) {
        try {
            commands.sendAndWait(new StartXeroSync(job.syncId(), null));
            return true;
        } catch (RuleViolation finished) {
            log.info("Xero sync {} is not run: {}", job.syncId(), finished.getMessage());
            return false;
        }
    }

    /**
     * Items are not paged: one step. A full pass also disables the Xero-managed types whose code Xero no longer has
     * (items without a sales price still exist in Xero, so their types stay).
     */
    private XeroSyncCursor readItems(XeroSyncJob job, XeroSyncRun run, XeroSyncCursor cursor) {
        List<XeroItem> items = callXero(() -> xero.getItems(job.orgId(), cursor.modifiedSince()));
        Set<String> codesInXero = new HashSet<>();
        for (XeroItem item : items) {
            run.processed();
            if (item.code() != null) codesInXero.add(item.code().trim());
            recordItem(run, item);
        }
        if (cursor.full()) {
            for (Map.Entry<String, UUID> held : activityTypes.xeroCodes(job.orgId()).entrySet()) {
                if (!codesInXero.contains(held.getKey())
                        && this.<Boolean>record(job.orgId(), new RetireXeroItem(held.getValue(), job.orgId()))) {
                    run.updated();
                }
            }
        }
        return stageRead(job, run, cursor);
    }

    private void recordItem(XeroSyncRun run, XeroItem item) {
        String record = item.code() == null || item.code().isBlank() ? String.valueOf(item.itemId()) : item.code();
        if (item.code() == null || item.code().isBlank()) {
            run.failed(record, "has no Code: FieldOps links types to Xero Items by Code");
        } else if (item.salesUnitPrice() == null) {
            run.failed(record, "has no sales price (SalesDetails.UnitPrice), so no hourly rate: set one in Xero");
        } else {
            try {
                RecordedXeroItem recorded = record(run.orgId, new RecordXeroItem(run.orgId, item.code(),
                        item.name(), item.salesUnitPrice(), item.description()));
                count(run, recorded.outcome() == RecordedXeroItem.Outcome.CREATED,
                        recorded.outcome() == RecordedXeroItem.Outcome.UPDATED);
            } catch (RuleViolation refused) {
                run.failed(record, explained(refused));
            }
        }
    }

    /** A paged list of Xero's ({@link XeroPort#getInvoices}, {@link XeroPort#getContacts}). */
    @FunctionalInterface
    private interface PagedRead<T> {
        XeroPage<T> page(UUID orgId, int page, Instant modifiedSince);
    }

    /** One page of a paged stage, each record counted as processed and recorded; the stage is read after the last. */
    private <T> XeroSyncCursor readPage(XeroSyncJob job, XeroSyncRun run, XeroSyncCursor cursor, PagedRead<T> read,
                                        BiConsumer<XeroSyncRun, T> record) {
        XeroPage<T> page = callXero(() -> read.page(job.orgId(), cursor.page(), cursor.modifiedSince()));
        for (T each : page.records()) {
            run.processed();
            record.accept(run, each);
        }
        if (!page.last()) return cursor.nextPage(run.counts());
        return stageRead(job, run, cursor);
    }

    /** The stage of {@code cursor} was read to its end: its watermark moves, and the next stage is planned afresh. */
    private XeroSyncCursor stageRead(XeroSyncJob job, XeroSyncRun run, XeroSyncCursor cursor) {
        watermarks.read(job.orgId(), cursor);
        return cursor.nextStage(XeroSyncStage.after(job.type(), cursor.stage()), run.counts());
    }

    private void recordInvoice(XeroSyncRun run, XeroInvoice invoice) {
        try {
            RecordedInvoice recorded = record(run.orgId, new RecordXeroInvoice(run.orgId, invoice.invoiceId(),
                    invoice.invoiceNumber(), invoice.contactId(), invoice.contactName(), invoice.type(),
                    invoice.status(), invoice.date(), invoice.dueDate(), invoice.total(), invoice.amountDue(),
                    invoice.amountPaid(), invoice.currencyCode(), invoice.updatedAt(), run.syncId));
            count(run, recorded.outcome() == XeroRecordOutcome.CREATED,
                    recorded.outcome() == XeroRecordOutcome.UPDATED);
        } catch (RuleViolation refused) {
            run.failed(invoice.invoiceNumber() == null ? String.valueOf(invoice.invoiceId())
                    : invoice.invoiceNumber(), explained(refused));
        }
    }

    /** The contact's name for its invoices; its status and Xero's UpdatedDateUTC with it (newer wins). */
    private void recordContact(XeroSyncRun run, XeroContact contact) {
        try {
            RecordedXeroContact recorded = record(run.orgId, new RecordXeroContact(run.orgId, contact.contactId(),
                    contact.name(), contact.status(), contact.updatedAt(), run.syncId));
            count(run, recorded.outcome() == XeroRecordOutcome.CREATED,
                    recorded.outcome() == XeroRecordOutcome.UPDATED);
        } catch (RuleViolation refused) {
            run.failed(contact.name() == null || contact.name().isBlank() ? String.valueOf(contact.contactId())
                    : contact.name(), explained(refused));
        }
    }

    /** A record's command, by {@value #ACTOR}: the feed says who changed a type. */
    private <R> R record(UUID orgId, Object command) {
        return commands.sendAndWait(ActorMetaData.system(command, orgId, ACTOR));
    }

    /** Waits interruptibly: a process stopping mid-step rolls the step back (it runs again from the cursor). */
    private <T> T callXero(Supplier<T> call) {
        Future<T> answer = CompletableFuture.supplyAsync(call, xeroCalls);
        try {
            return answer.get();
        } catch (InterruptedException stopping) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("stopped while waiting for Xero", stopping);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) throw cause;
            throw new IllegalStateException(failed.getCause());
        }
    }

    private static void count(XeroSyncRun run, boolean created, boolean updated) {
        if (created) run.created();
        if (updated) run.updated();
    }

    private static String reason(RuntimeException failure) {
        return failure.getMessage() == null || failure.getMessage().isBlank()
                ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    /** The rule's detail and its field messages, as a per-record error says it. */
    private static String explained(RuleViolation refused) {
        if (refused.errors().isEmpty()) return refused.getMessage();
        return refused.errors().stream().map(error -> error.field() + " " + error.message())
                .collect(Collectors.joining("; "));
    }

    @Override
    public void destroy() {
        xeroCalls.shutdownNow();
    }
}
