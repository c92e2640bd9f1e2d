package com.fieldops.xero;

/** The organisation has no Xero connection. */
public class XeroNotConnected extends XeroException {
    public XeroNotConnected() {
        super("Xero is not connected for this organisation: an admin connects it first "
                + "(PUT /api/xero/connection or GET /api/xero/connect)");
    }
}
