package com.fieldops.command.activitytype;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DisableActivityType(@TargetAggregateIdentifier UUID activityTypeId, UUID orgId) {
}
