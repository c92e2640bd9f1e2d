package com.fieldops.command.xero;

import com.fieldops.xero.sync.XeroSyncType;
import java.util.List;

/**
 * What a sync reads from Xero, in order: Items (one call: Xero does not page them), then Invoices and Contacts page by
 * page. Contacts come last in {@code all}: the latest read of a contact's name is the one its invoices show, so a
 * rename made while the invoices were read is still picked up. Payments have no stage: an invoice brings its amounts
 * paid and due, and a payment moves its invoice's UpdatedDateUTC (docs/decisions.md "Xero sync saga").
 */
public enum XeroSyncStage {
    ITEMS, INVOICES, CONTACTS;

    /** The watermark's record type ({@code xero_sync_watermark.record_type}). */
    String recordType() {
        return name().toLowerCase();
    }

    static List<XeroSyncStage> of(XeroSyncType type) {
        return switch (type) {
            case ACTIVITY_TYPES -> List.of(ITEMS);
            case INVOICES -> List.of(INVOICES);
            case CONTACTS -> List.of(CONTACTS);
            case ALL -> List.of(ITEMS, INVOICES, CONTACTS);
            case PAYMENTS -> List.of();
        };
    }

    /** The stage after {@code stage} in a sync of {@code type}; null after the last. */
    static XeroSyncStage after(XeroSyncType type, XeroSyncStage stage) {
        List<XeroSyncStage> stages = of(type);
        int next = stages.indexOf(stage) + 1;
        return next < stages.size() ? stages.get(next) : null;
    }
}
