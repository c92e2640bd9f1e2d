package com.fieldops.xero.gateway;

import com.fieldops.xero.ratelimit.XeroRateLimiter.LimitSignals;
import com.google.api.client.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** What a Xero response's headers say about its limits: X-MinLimit-Remaining, X-DayLimit-Remaining, Retry-After. */
final class XeroLimitHeaders {

    /** A 429 without a usable Retry-After waits Xero's minute. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);

    private XeroLimitHeaders() {
    }

    static LimitSignals of(int status, HttpHeaders headers, Clock clock) {
        return new LimitSignals(integer(headers.getFirstHeaderStringValue("X-MinLimit-Remaining")),
                integer(headers.getFirstHeaderStringValue("X-DayLimit-Remaining")),
                status == 429 ? retryAfter(headers.getFirstHeaderStringValue("Retry-After"), clock) : null);
    }

    /** Delay-seconds or an HTTP-date (RFC 9110 allows both; xero-java fails on the date form). */
    static Duration retryAfter(String value, Clock clock) {
        if (value == null || value.isBlank()) return DEFAULT_RETRY_AFTER;
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(clock.instant(),
                        ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notADate) {
                return DEFAULT_RETRY_AFTER;
            }
        }
    }

    private static Integer integer(String value) {
        if (value == null) return null;
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
