package com.fieldops.command.financials;

import java.util.UUID;

/**
 * What recording a Xero contact did, for the sync's counts; {@code version} is the sequence number of the contact's
 * last event.
 */
public record RecordedXeroContact(UUID id, Outcome outcome, long version) {

    public enum Outcome {
        /** First seen: recorded. */
        CREATED,
        /** Something changed: recorded. */
        UPDATED,
        /** The same as recorded: nothing recorded. */
        UNCHANGED,
        /** Older than what was recorded (Xero's UpdatedDateUTC): ignored. */
        STALE
    }
}
