package com.fieldops.events.xero;

import com.fieldops.events.EventType;
import com.fieldops.events.FieldOpsEvent;
import java.util.UUID;

/**
 * The organisation's Xero connection ended: {@code reason} is {@code disconnected} (an admin disconnected it) or
 * {@code grant_rejected} (Xero refused the stored grant; an admin has to reconnect), with Xero's words in
 * {@code detail}.
 */
@EventType("fieldops.xero-connection.disconnected.v1")
public record XeroDisconnected(UUID orgId, String tenantId, String tenantName, String reason, String detail)
        implements FieldOpsEvent {

    public static final String BY_ADMIN = "disconnected";
    public static final String GRANT_REJECTED = "grant_rejected";
}
