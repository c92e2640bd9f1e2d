package com.fieldops.command.activitytype;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Xero took the type's push as the Item {@code xeroCode}; clears a failure recorded before. */
public record RecordXeroPushed(@TargetAggregateIdentifier UUID activityTypeId, UUID orgId, String xeroCode) {
}
