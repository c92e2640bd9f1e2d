package com.fieldops.events.xero;

import com.fieldops.events.EventType;
import com.fieldops.events.FieldOpsEvent;
import java.util.UUID;

/**
 * An admin connected the organisation to a Xero tenant; {@code grant} is client_credentials (custom connection) or
 * authorization_code (standard app). Never carries a secret: credentials and tokens stay encrypted in the command
 * side's table.
 */
@EventType("fieldops.xero-connection.connected.v1")
public record XeroConnected(UUID orgId, String tenantId, String tenantName, String grant) implements FieldOpsEvent {
}
