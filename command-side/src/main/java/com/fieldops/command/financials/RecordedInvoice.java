package com.fieldops.command.financials;

import java.util.UUID;

/**
 * What recording a Xero invoice did, for the sync's counts; {@code version} is the sequence number of the
 * invoice's last event.
 */
public record RecordedInvoice(UUID invoiceId, XeroRecordOutcome outcome, long version) {
}
