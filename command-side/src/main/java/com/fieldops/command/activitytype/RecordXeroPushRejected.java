package com.fieldops.command.activitytype;

import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Xero did not take the type's push as the Item {@code xeroCode}: {@code errors} are why (Xero's validation messages,
 * its refusal, or "reconnect Xero"). Recorded on the type, so the price list and the feed show it.
 */
public record RecordXeroPushRejected(@TargetAggregateIdentifier UUID activityTypeId, UUID orgId, String xeroCode,
                                     List<String> errors) {
}
