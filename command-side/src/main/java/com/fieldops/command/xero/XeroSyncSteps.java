package com.fieldops.command.xero;

import java.time.Duration;
import java.util.Optional;

/** The work of the sync saga's steps ({@link XeroApiSyncSteps}): one Xero read and what it brings, per step. */
public interface XeroSyncSteps {

    /**
     * Runs the step at {@code cursor} inside the caller's transaction: the records it applies, the progress and the
     * watermark commit together with the saga's new cursor, or none of them does.
     */
    XeroSyncStepOutcome run(XeroSyncJob job, XeroSyncCursor cursor);

    /** The wait before retry {@code attempt + 1} of a step Xero did not answer; empty when the retries are used up. */
    Optional<Duration> retryDelay(int attempt);
}
