package com.fieldops.xero;

/** Xero failed (429, 5xx, timeouts) on every try, or is blocked by its limits for longer than a call may wait. */
public class XeroUnavailable extends XeroException {
    public XeroUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
