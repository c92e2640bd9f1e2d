package com.fieldops.xero.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesEachTryAndJittersWithinTheUpperHalf() {
        Backoff least = new Backoff(Duration.ofSeconds(1), () -> 0.0);
        Backoff most = new Backoff(Duration.ofSeconds(1), () -> 1.0);

        assertThat(least.after(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(most.after(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(least.after(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(most.after(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Backoff.standard(Duration.ofSeconds(1)).after(2)).isBetween(Duration.ofSeconds(1),
                Duration.ofSeconds(2));
    }

    @Test
    void onlyRateLimitsServerErrorsAndMissingResponsesAreTriedAgain() {
        assertThat(XeroCalls.retryable(0)).isTrue();
        assertThat(XeroCalls.retryable(429)).isTrue();
        assertThat(XeroCalls.retryable(500)).isTrue();
        assertThat(XeroCalls.retryable(503)).isTrue();
        assertThat(XeroCalls.retryable(400)).isFalse();
        assertThat(XeroCalls.retryable(403)).isFalse();
        assertThat(XeroCalls.retryable(404)).isFalse();
    }
}
