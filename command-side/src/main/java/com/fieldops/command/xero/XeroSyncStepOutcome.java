package com.fieldops.command.xero;

/**
 * What one step of a sync came to: the cursor of the next step, Xero not answering (the reason; the step is to be
 * tried again later), or the end (the sync was completed or failed, or had been finished already).
 */
public record XeroSyncStepOutcome(XeroSyncCursor next, String xeroUnavailable) {

    static XeroSyncStepOutcome continueWith(XeroSyncCursor next) {
        return new XeroSyncStepOutcome(next, null);
    }

    static XeroSyncStepOutcome unavailable(String reason) {
        return new XeroSyncStepOutcome(null, reason);
    }

    static XeroSyncStepOutcome ended() {
        return new XeroSyncStepOutcome(null, null);
    }
}
