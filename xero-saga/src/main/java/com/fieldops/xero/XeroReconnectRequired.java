package com.fieldops.xero;

/**
 * Xero no longer accepts the stored grant (invalid_grant on refresh, a revoked client secret, or secrets the current
 * FIELDOPS_ENCRYPTION_KEY cannot open): the connection is disconnected until an admin connects again.
 */
public class XeroReconnectRequired extends XeroException {
    public XeroReconnectRequired(String reason) {
        super("Xero is disconnected (" + reason + "): reconnect Xero");
    }
}
