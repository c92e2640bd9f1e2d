package com.fieldops.command.xero;

import com.fieldops.events.xero.XeroSyncCounts;
import com.fieldops.events.xero.XeroSyncError;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The counts and the not yet reported per-record errors of one step of a sync ({@link XeroApiSyncSteps}). Counts are
 * cumulative from the saga's cursor (the aggregate refuses them going back); errors are handed over once, with the
 * next command.
 */
final class XeroSyncRun {

    final UUID syncId;
    final UUID orgId;
    private int processed;
    private int created;
    private int updated;
    private int failed;
    private final List<XeroSyncError> unreported = new ArrayList<>();

    XeroSyncRun(UUID syncId, UUID orgId, XeroSyncCounts before) {
        this.syncId = syncId;
        this.orgId = orgId;
        this.processed = before.processed();
        this.created = before.created();
        this.updated = before.updated();
        this.failed = before.failed();
    }

    void processed() {
        processed++;
    }

    void created() {
        created++;
    }

    void updated() {
        updated++;
    }

    void failed(String record, String message) {
        failed++;
        unreported.add(new XeroSyncError(record, message));
    }

    XeroSyncCounts counts() {
        return new XeroSyncCounts(processed, created, updated, failed);
    }

    /** The errors since the previous call. */
    List<XeroSyncError> takeErrors() {
        List<XeroSyncError> taken = List.copyOf(unreported);
        unreported.clear();
        return taken;
    }
}
