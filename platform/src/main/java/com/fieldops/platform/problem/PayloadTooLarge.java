package com.fieldops.platform.problem;

/** A body over a documented size or row limit: 413. */
public class PayloadTooLarge extends RuntimeException {
    public PayloadTooLarge(String detail) {
        super(detail);
    }
}
