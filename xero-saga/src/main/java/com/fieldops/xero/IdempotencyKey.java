package com.fieldops.xero;

import java.util.UUID;

/**
 * The Idempotency-Key of a write, derived from what caused it (an event or command id and the batch's place in it),
 * so a write retried after a crash carries the same key and Xero applies it once. Xero accepts at most 128 characters.
 */
public record IdempotencyKey(String value) {

    public static final int MAX_LENGTH = 128;

    public IdempotencyKey {
        if (value == null || value.isBlank() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("an Idempotency-Key has 1 to " + MAX_LENGTH + " characters");
        }
    }

    /** The key of batch {@code batch} of the writes caused by {@code causeId}: {@code fieldops-<cause>-<batch>}. */
    public static IdempotencyKey of(UUID causeId, int batch) {
        return new IdempotencyKey("fieldops-" + causeId + "-" + batch);
    }
}
