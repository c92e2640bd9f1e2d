package com.fieldops.command.xero;

import com.fieldops.events.xero.XeroSyncRequested;
import com.fieldops.xero.sync.XeroSyncMode;
import com.fieldops.xero.sync.XeroSyncType;
import java.util.UUID;

/** The requested sync a saga drives: whose, what, and whether every record is to be read (a full pass). */
public record XeroSyncJob(UUID syncId, UUID orgId, XeroSyncType type, boolean fullRequested) {

    static XeroSyncJob of(XeroSyncRequested requested) {
        return new XeroSyncJob(requested.syncId(), requested.orgId(), XeroSyncType.of(requested.type()).orElseThrow(),
                !XeroSyncMode.INCREMENTAL.label().equals(requested.mode()));
    }
}
