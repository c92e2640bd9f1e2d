package com.fieldops.command.xero;

import com.fieldops.xero.sync.XeroSyncType;
import java.util.List;

/**
 * What a sync reads from Xero, in order: Items (one call: Xero does not page them), then Invoices page by page.
 * Contacts and payments have no stage: FieldOps keeps neither, and an invoice brings its contact's name and the
 * amount paid (docs/decisions.md "Xero sync saga").
 */
public enum XeroSyncStage {
    ITEMS, INVOICES;

    /** The watermark's record type ({@code xero_sync_watermark.record_type}). */
    String recordType() {
        return name().toLowerCase();
    }

    static List<XeroSyncStage> of(XeroSyncType type) {
        return switch (type) {
            case ACTIVITY_TYPES -> List.of(ITEMS);
            case INVOICES -> List.of(INVOICES);
            case ALL -> List.of(ITEMS, INVOICES);
            case CONTACTS, PAYMENTS -> List.of();
        };
    }

    /** The stage after {@code stage} in a sync of {@code type}; null after the last. */
    static XeroSyncStage after(XeroSyncType type, XeroSyncStage stage) {
        List<XeroSyncStage> stages = of(type);
        int next = stages.indexOf(stage) + 1;
        return next < stages.size() ? stages.get(next) : null;
    }
}
