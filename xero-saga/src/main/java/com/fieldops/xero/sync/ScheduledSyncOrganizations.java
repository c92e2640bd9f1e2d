package com.fieldops.xero.sync;

import java.util.List;
import java.util.UUID;

/** The organisations the daily FIELDOPS_XERO_SYNC_CRON run syncs: those connected to Xero. */
public interface ScheduledSyncOrganizations {

    List<UUID> organizations();
}
