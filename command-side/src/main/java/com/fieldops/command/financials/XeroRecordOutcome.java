package com.fieldops.command.financials;

import java.time.Instant;
import java.util.function.BiPredicate;
import java.util.function.Function;

/** What recording Xero's state of a record (an invoice, a contact) did, for the sync's counts. */
public enum XeroRecordOutcome {
    /** First seen: recorded. */
    CREATED,
    /** Something changed: recorded. */
    UPDATED,
    /** The same as recorded: nothing recorded. */
    UNCHANGED,
    /** Older than what was recorded (Xero's UpdatedDateUTC): ignored. */
    STALE;

    /** Whether the candidate is to be recorded (an event applied). */
    boolean records() {
        return this == CREATED || this == UPDATED;
    }

    /**
     * Recording {@code candidate} over {@code recorded} (null: nothing yet): an older Xero state never overwrites a
     * newer one, and one that says the same ({@code sameState}, which leaves out what only tells who brought it) is
     * not recorded again.
     */
    static <T> XeroRecordOutcome of(T recorded, T candidate, Function<T, Instant> xeroUpdatedAt,
                                    BiPredicate<T, T> sameState) {
        if (recorded == null) return CREATED;
        if (xeroUpdatedAt.apply(candidate).isBefore(xeroUpdatedAt.apply(recorded))) return STALE;
        return sameState.test(candidate, recorded) ? UNCHANGED : UPDATED;
    }
}
