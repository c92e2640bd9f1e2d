package com.fieldops.events.xero;

/**
 * How far a Xero sync got, cumulative from its start: records looked at, created and updated here, and those that
 * failed (each failure is also a per-record error, of which only the first few are kept).
 */
public record XeroSyncCounts(int processed, int created, int updated, int failed) {

    public static final XeroSyncCounts NONE = new XeroSyncCounts(0, 0, 0, 0);

    /** True when no count is below the other's: counts only grow during a sync. */
    public boolean atLeast(XeroSyncCounts other) {
        return processed >= other.processed && created >= other.created && updated >= other.updated
                && failed >= other.failed;
    }
}
