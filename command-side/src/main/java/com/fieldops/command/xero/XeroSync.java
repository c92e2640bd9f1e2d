package com.fieldops.command.xero;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fieldops.events.store.AxonEventFormat;
import com.fieldops.events.xero.XeroSyncCompleted;
import com.fieldops.events.xero.XeroSyncCounts;
import com.fieldops.events.xero.XeroSyncError;
import com.fieldops.events.xero.XeroSyncFailed;
import com.fieldops.events.xero.XeroSyncProgressed;
import com.fieldops.events.xero.XeroSyncRequested;
import com.fieldops.events.xero.XeroSyncStarted;
import com.fieldops.platform.problem.FieldMessage;
import com.fieldops.platform.problem.RuleViolation;
import com.fieldops.xero.sync.XeroSyncCommands.CompleteXeroSync;
import com.fieldops.xero.sync.XeroSyncCommands.FailXeroSync;
import com.fieldops.xero.sync.XeroSyncCommands.RecordXeroSyncProgress;
import com.fieldops.xero.sync.XeroSyncCommands.RequestXeroSync;
import com.fieldops.xero.sync.XeroSyncCommands.StartXeroSync;
import com.fieldops.xero.sync.XeroSyncState;
import com.fieldops.xero.sync.XeroSyncType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One Xero sync's life cycle: pending → running → (progress)* → success, partial or error. Its rules: only legal
 * steps (a finished sync refuses more, except the very same command again, which changes nothing), counts never
 * go back, and the first {@value #KEPT_ERRORS} per-record errors are kept (the failed count counts them all). A
 * finished sync gives up its organisation-and-type slot, so the next request makes a new sync.
 */
@Aggregate
public class XeroSync {

    static final int KEPT_ERRORS = 100;
    static final int MESSAGE_MAX = 1000;
    static final int RECORD_MAX = 255;

    @AggregateIdentifier
    private UUID syncId;
    private UUID orgId;
    private XeroSyncType type;
    private String trigger;
    private String status;
    private XeroSyncCounts counts;
    private Integer total;
    private final Set<XeroSyncError> keptErrors = new LinkedHashSet<>();
    private String error;
    private long version = -1;

    protected XeroSync() {
        // for Axon
    }

    /** Made by {@link XeroSyncCommandHandler} once it holds the organisation-and-type slot. */
    XeroSync(RequestXeroSync command) {
        List<FieldMessage> errors = new ArrayList<>();
        if (command.orgId() == null) errors.add(new FieldMessage("org_id", "is required"));
        if (command.type() == null) errors.add(new FieldMessage("type", "is required"));
        if (command.trigger() == null) errors.add(new FieldMessage("trigger", "is required"));
        if (command.mode() == null) errors.add(new FieldMessage("mode", "is required"));
        if (!errors.isEmpty()) throw RuleViolation.invalid(errors);
        apply(new XeroSyncRequested(command.syncId(), command.orgId(), command.type().label(),
                command.trigger().label(), command.mode().label()), forOrganization(command.orgId()));
    }

    @CommandHandler
    public XeroSyncState handle(StartXeroSync command) {
        if (XeroSyncState.RUNNING.equals(status)) return state(); // started already: a repeat
        requireStatus("started", XeroSyncState.PENDING);
        checkTotal(command.total());
        apply(new XeroSyncStarted(syncId, orgId, type.label(), command.total()), forOrganization(orgId));
        return state();
    }

    @CommandHandler
    public XeroSyncState handle(RecordXeroSyncProgress command) {
        requireStatus("moved on", XeroSyncState.RUNNING);
        checkCounts(command.counts());
        checkTotal(command.total());
        List<XeroSyncError> fresh = newErrors(command.errors());
        boolean totalChanged = command.total() != null && !command.total().equals(total);
        if (command.counts().equals(counts) && fresh.isEmpty() && !totalChanged) return state(); // a repeat
        apply(new XeroSyncProgressed(syncId, orgId, command.counts(), totalChanged ? command.total() : total, fresh),
                forOrganization(orgId));
        return state();
    }

    @CommandHandler
    public XeroSyncState handle(CompleteXeroSync command, XeroSyncSlots slots) {
        boolean completed = XeroSyncCompleted.SUCCESS.equals(status) || XeroSyncCompleted.PARTIAL.equals(status);
        if (completed && Objects.equals(command.counts(), counts) && newErrors(command.errors()).isEmpty()) {
            return state(); // a repeat
        }
        requireStatus("completed", XeroSyncState.RUNNING);
        checkCounts(command.counts());
        String outcome = command.counts().failed() > 0 ? XeroSyncCompleted.PARTIAL : XeroSyncCompleted.SUCCESS;
        apply(new XeroSyncCompleted(syncId, orgId, type.label(), trigger, outcome, command.counts(),
                newErrors(command.errors())), forOrganization(orgId));
        slots.release(syncId);
        return state();
    }

    /** A sync may fail before it started (e.g. Xero is not connected), as well as while running. */
    @CommandHandler
    public XeroSyncState handle(FailXeroSync command, XeroSyncSlots slots) {
        String reason = command.error() == null ? "" : truncated(command.error().strip(), MESSAGE_MAX);
        if (XeroSyncState.ERROR.equals(status) && reason.equals(error)) return state(); // a repeat
        requireStatus("failed", XeroSyncState.PENDING, XeroSyncState.RUNNING);
        if (reason.isEmpty()) throw RuleViolation.invalid("error", "is required: say why the sync failed");
        XeroSyncCounts reached = command.counts() == null ? counts : command.counts();
        checkCounts(reached);
        apply(new XeroSyncFailed(syncId, orgId, type.label(), trigger, reason, reached, newErrors(command.errors())),
                forOrganization(orgId));
        slots.release(syncId);
        return state();
    }

    public XeroSyncState state() {
        return new XeroSyncState(syncId, type, status, version);
    }

    /**
     * Every event names its organisation in its metadata (the event export and the dashboard refresh find an
     * organisation's events by it), also when the saga sends the command without any.
     */
    private static MetaData forOrganization(UUID orgId) {
        return MetaData.with(AxonEventFormat.ORG_ID, orgId.toString());
    }

    private void requireStatus(String becoming, String... allowed) {
        for (String candidate : allowed) {
            if (candidate.equals(status)) return;
        }
        throw RuleViolation.conflict("status", "a " + status + " sync cannot be " + becoming);
    }

    private void checkCounts(XeroSyncCounts next) {
        if (next == null) throw RuleViolation.invalid("counts", "are required");
        if (next.processed() < 0 || next.created() < 0 || next.updated() < 0 || next.failed() < 0) {
            throw RuleViolation.invalid("counts", "must not be negative");
        }
        if (!next.atLeast(counts)) {
            throw RuleViolation.conflict("counts", "counts are cumulative and never go back: " + counts
                    + " were recorded, " + next + " sent");
        }
    }

    private static void checkTotal(Integer total) {
        if (total != null && total < 0) throw RuleViolation.invalid("total", "must not be negative");
    }

    /** The errors not kept yet, trimmed to size, as many as the sync still keeps. */
    private List<XeroSyncError> newErrors(List<XeroSyncError> sent) {
        if (sent == null) return List.of();
        Set<XeroSyncError> fresh = new LinkedHashSet<>();
        for (XeroSyncError candidate : sent) {
            if (candidate == null || candidate.message() == null || candidate.message().isBlank()) {
                throw RuleViolation.invalid("errors", "every error has a message");
            }
            XeroSyncError error = new XeroSyncError(
                    candidate.record() == null ? null : truncated(candidate.record(), RECORD_MAX),
                    truncated(candidate.message().strip(), MESSAGE_MAX));
            if (!keptErrors.contains(error)) fresh.add(error);
        }
        return fresh.stream().limit(Math.max(0, KEPT_ERRORS - keptErrors.size())).toList();
    }

    private static String truncated(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    @EventSourcingHandler
    void on(XeroSyncRequested event) {
        syncId = event.syncId();
        orgId = event.orgId();
        type = XeroSyncType.of(event.type()).orElseThrow();
        trigger = event.trigger();
        status = XeroSyncState.PENDING;
        counts = XeroSyncCounts.NONE;
        version++;
    }

    @EventSourcingHandler
    void on(XeroSyncStarted event) {
        status = XeroSyncState.RUNNING;
        total = event.total();
        version++;
    }

    @EventSourcingHandler
    void on(XeroSyncProgressed event) {
        counts = event.counts();
        total = event.total();
        keptErrors.addAll(event.errors());
        version++;
    }

    @EventSourcingHandler
    void on(XeroSyncCompleted event) {
        status = event.status();
        counts = event.counts();
        keptErrors.addAll(event.errors());
        version++;
    }

    @EventSourcingHandler
    void on(XeroSyncFailed event) {
        status = XeroSyncState.ERROR;
        error = event.error();
        counts = event.counts();
        keptErrors.addAll(event.errors());
        version++;
    }
}
