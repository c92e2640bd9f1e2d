package com.fieldops.xero;

/** A Xero call that did not succeed; the subclass says whether retrying later, or a person, can help. */
public abstract class XeroException extends RuntimeException {

    protected XeroException(String message) {
        super(message);
    }

    protected XeroException(String message, Throwable cause) {
        super(message, cause);
    }
}
