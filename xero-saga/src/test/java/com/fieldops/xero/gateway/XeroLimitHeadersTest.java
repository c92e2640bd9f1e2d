package com.fieldops.xero.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fieldops.xero.ratelimit.XeroRateLimiter.LimitSignals;
import com.google.api.client.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class XeroLimitHeadersTest {

    final Clock clock = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);

    @Test
    void readsTheRemainingLimitsAndA429sRetryAfter() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-MinLimit-Remaining", "0");
        headers.set("X-DayLimit-Remaining", "4321");
        headers.set("Retry-After", "17");

        assertThat(XeroLimitHeaders.of(429, headers, clock)).isEqualTo(new LimitSignals(0, 4321,
                Duration.ofSeconds(17)));
        assertThat(XeroLimitHeaders.of(200, headers, clock)).isEqualTo(new LimitSignals(0, 4321, null));
    }

    @Test
    void retryAfterAsAnHttpDateOrMissing() {
        assertThat(XeroLimitHeaders.retryAfter("Mon, 02 Mar 2026 09:00:45 GMT", clock))
                .isEqualTo(Duration.ofSeconds(45));
        assertThat(XeroLimitHeaders.retryAfter("Mon, 02 Mar 2026 08:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
        assertThat(XeroLimitHeaders.retryAfter(null, clock)).isEqualTo(XeroLimitHeaders.DEFAULT_RETRY_AFTER);
        assertThat(XeroLimitHeaders.retryAfter("soon", clock)).isEqualTo(XeroLimitHeaders.DEFAULT_RETRY_AFTER);
    }
}
