package com.fieldops.command.activitytype;

import java.util.UUID;

/** What recording a Xero Item did to the price list, for the sync's counts. */
public record RecordedXeroItem(UUID activityTypeId, Outcome outcome) {

    public enum Outcome {
        /** A new Xero-managed type. */
        CREATED,
        /** A Xero-managed type took Xero's name or rate. */
        UPDATED,
        /** Already the same, or a type that is not Xero-managed (left as it is). */
        UNCHANGED
    }
}
