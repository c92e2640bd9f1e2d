package com.fieldops.xero.sync;

import com.fieldops.events.xero.XeroSyncCounts;
import com.fieldops.events.xero.XeroSyncError;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The life cycle of a Xero sync (aggregate XeroSync on the command side): requested → started → progress* →
 * completed or failed. The HTTP endpoints, the schedule and the webhook worker request syncs; the sync saga sends
 * the rest. Counts are cumulative, so sending the same command again changes nothing; per-record errors are those
 * new since the previous command (repeats are recognised). Every command answers with a {@link XeroSyncState}.
 */
public final class XeroSyncCommands {

    private XeroSyncCommands() {
    }

    /**
     * Asks for a sync of {@code type}. When one of that organisation and type is already pending or running, no new
     * sync is made: the answer names the existing one ({@link XeroSyncState#syncId()} differs from {@code syncId}).
     */
    public record RequestXeroSync(UUID syncId, UUID orgId, XeroSyncType type, XeroSyncTrigger trigger,
                                  XeroSyncMode mode) {
    }

    /** pending → running; {@code total}: records expected, when known (else null). */
    public record StartXeroSync(@TargetAggregateIdentifier UUID syncId, Integer total) {
    }

    /** A running sync's cumulative counts, the total when now known (else null) and its new per-record errors. */
    public record RecordXeroSyncProgress(@TargetAggregateIdentifier UUID syncId, XeroSyncCounts counts, Integer total,
                                         List<XeroSyncError> errors) {
    }

    /** running → completed: success, or partial when {@code counts.failed() > 0}. */
    public record CompleteXeroSync(@TargetAggregateIdentifier UUID syncId, XeroSyncCounts counts,
                                   List<XeroSyncError> errors) {
    }

    /** pending or running → failed, with the reason shown to users (e.g. "reconnect Xero"). */
    public record FailXeroSync(@TargetAggregateIdentifier UUID syncId, String error, XeroSyncCounts counts,
                               List<XeroSyncError> errors) {
    }
}
