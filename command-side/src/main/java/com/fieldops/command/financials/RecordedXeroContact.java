package com.fieldops.command.financials;

import java.util.UUID;

/**
 * What recording a Xero contact did, for the sync's counts; {@code version} is the sequence number of the contact's
 * last event.
 */
public record RecordedXeroContact(UUID id, XeroRecordOutcome outcome, long version) {
}
