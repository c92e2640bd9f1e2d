package com.fieldops.xero.sync;

/** What asked for a sync. */
public enum XeroSyncTrigger {
    /** POST /api/financials/xero-sync */
    API,
    /** the daily FIELDOPS_XERO_SYNC_CRON run */
    SCHEDULE,
    /** a Xero webhook delivery (INVOICE or CONTACT events) */
    WEBHOOK,
    /** POST /api/activity-types/sync-from-xero */
    ACTIVITY_TYPES_ENDPOINT;

    public String label() {
        return name().toLowerCase();
    }
}
