package com.fieldops.xero.sync;

import java.util.Arrays;
import java.util.Optional;

/** What a Xero sync brings over; {@code all} is every other type in turn. */
public enum XeroSyncType {
    ACTIVITY_TYPES, INVOICES, CONTACTS, PAYMENTS, ALL;

    /** The name in the API and in events: {@code activity_types}, {@code invoices}, ... */
    public String label() {
        return name().toLowerCase();
    }

    public static Optional<XeroSyncType> of(String label) {
        return Arrays.stream(values()).filter(type -> type.label().equals(label)).findFirst();
    }

    public static String labels() {
        return String.join(", ", Arrays.stream(values()).map(XeroSyncType::label).toList());
    }
}
