package com.fieldops.events.xero;

/** One record a Xero sync could not apply: which (e.g. an item code or invoice number) and why. */
public record XeroSyncError(String record, String message) {
}
