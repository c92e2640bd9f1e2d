package com.fieldops.xero.connection;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record in the history that the organisation is now connected to this tenant. */
public record RecordXeroConnection(@TargetAggregateIdentifier UUID connectionId, UUID orgId, String tenantId,
                                   String tenantName, XeroGrant grant) {
}
