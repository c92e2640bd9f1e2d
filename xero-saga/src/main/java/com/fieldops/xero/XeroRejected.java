package com.fieldops.xero;

/** Xero refused the request itself (400, 403, 404...): trying it again unchanged cannot help. */
public class XeroRejected extends XeroException {

    private final int status;

    public XeroRejected(int status, String message, Throwable cause) {
        super("Xero refused the request (HTTP " + status + "): " + message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
