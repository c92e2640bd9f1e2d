package com.fieldops.events.activitytype;

import com.fieldops.events.EventType;
import com.fieldops.events.FieldOpsEvent;
import java.util.List;
import java.util.UUID;

/**
 * Pushing the type to Xero as the Item {@code xeroCode} failed in a way only a person can fix: Xero's validation
 * errors for the item, Xero refusing the request, or a connection that must be reconnected. {@code errors} are the
 * messages, as Xero worded them where it gave any.
 */
@EventType("fieldops.activity-type.xero-push-failed.v1")
public record ActivityTypeXeroPushFailed(UUID activityTypeId, UUID orgId, String xeroCode, List<String> errors)
        implements FieldOpsEvent {

    /** At most this many messages are kept, each cut to {@link #MAX_ERROR_LENGTH} characters. */
    public static final int MAX_ERRORS = 20;
    public static final int MAX_ERROR_LENGTH = 1000;

    public ActivityTypeXeroPushFailed {
        errors = List.copyOf(errors);
    }

    /** The messages as one text, as the type's {@code xero_push_error} shows them. */
    public String summary() {
        return String.join("; ", errors);
    }
}
