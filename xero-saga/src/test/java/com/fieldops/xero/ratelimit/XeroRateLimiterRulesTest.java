package com.fieldops.xero.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fieldops.xero.ratelimit.XeroRateLimiter.LimitSignals;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class XeroRateLimiterRulesTest {

    final Instant now = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void retryAfterWinsThenASpentDay() {
        assertThat(XeroRateLimiter.blockedUntil(now, new LimitSignals(0, 0, Duration.ofSeconds(5))))
                .contains(now.plusSeconds(5));
        assertThat(XeroRateLimiter.blockedUntil(now, new LimitSignals(0, 0, null)))
                .contains(now.plus(XeroRateLimiter.DAY_LIMIT_PROBE));
    }

    @Test
    void aSpentMinuteIsLeftToTheRollingWindowsOwnCount() {
        assertThat(XeroRateLimiter.blockedUntil(now, new LimitSignals(0, 100, null))).isEmpty();
    }

    @Test
    void limitsNotSpentBlockNothing() {
        assertThat(XeroRateLimiter.blockedUntil(now, new LimitSignals(12, 4000, null))).isEmpty();
        assertThat(XeroRateLimiter.blockedUntil(now, LimitSignals.NONE)).isEmpty();
    }
}
