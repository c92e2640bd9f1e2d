package com.fieldops.xero.gateway;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential back-off with jitter between tries: before try n+1 wait between half and all of base × 2^(n-1), so
 * callers that failed together do not come back together.
 */
record Backoff(Duration base, DoubleSupplier random) {

    static Backoff standard(Duration base) {
        return new Backoff(base, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The wait after failed try {@code attempt} (1-based). */
    Duration after(int attempt) {
        long ceiling = base.toMillis() << Math.min(attempt - 1, 16);
        return Duration.ofMillis(ceiling / 2 + Math.round(random.getAsDouble() * (ceiling / 2.0)));
    }
}
