package com.fieldops.xero.sync;

import java.util.List;
import java.util.UUID;

/**
 * The organisations the daily FIELDOPS_XERO_SYNC_CRON run syncs: those connected to Xero. Until the Xero
 * connection serves this, the command side answers every organisation that has settings or activity types.
 */
public interface ScheduledSyncOrganizations {

    List<UUID> organizations();
}
