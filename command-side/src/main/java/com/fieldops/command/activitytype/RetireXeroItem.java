package com.fieldops.command.activitytype;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A full sync found no Xero Item with the type's xero_code any more: a Xero-managed type is disabled (kept, since
 * timesheets name it), any other is left alone. Answers true when it disabled the type.
 */
public record RetireXeroItem(@TargetAggregateIdentifier UUID activityTypeId, UUID orgId) {
}
