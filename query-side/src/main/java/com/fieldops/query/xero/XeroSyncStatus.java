package com.fieldops.query.xero;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** DESIGN §5 GET /financials/xero-sync-status. */
public record XeroSyncStatus(
        @Schema(description = "the latest finished sync; null before the first", nullable = true) LastSync lastSync,
        @Schema(description = "the 5 most recently requested syncs, newest first") List<XeroSyncResource> recentSyncs,
        @Schema(description = "next run of FIELDOPS_XERO_SYNC_CRON in the organisation's timezone")
        Instant nextScheduledSync) {

    public record LastSync(String type, String status, Instant completedAt) {
    }
}
