package com.fieldops.command.organization;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets the timezone, the currency, or both; a null field is left as it is. */
public record ChangeOrganizationSettings(@TargetAggregateIdentifier UUID orgId, String timezone, String currency) {
}
