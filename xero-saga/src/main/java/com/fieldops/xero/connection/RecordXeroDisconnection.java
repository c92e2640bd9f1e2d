package com.fieldops.xero.connection;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record in the history that the organisation's connection ended; reason as in XeroDisconnected. */
public record RecordXeroDisconnection(@TargetAggregateIdentifier UUID connectionId, String reason, String detail) {
}
