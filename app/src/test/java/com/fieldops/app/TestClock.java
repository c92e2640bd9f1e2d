package com.fieldops.app;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The application's clock in tests: the system's until a test sets an instant, so "today" in an organisation can be
 * put just after its midnight or at a month's end. A test that sets it resets it when done.
 */
public final class TestClock extends Clock {

    private volatile Instant fixed;

    /** Makes the application's "now" this instant. */
    public void set(Instant now) {
        fixed = now;
    }

    /** Back to the system's time. */
    public void reset() {
        fixed = null;
    }

    @Override
    public Instant instant() {
        Instant now = fixed;
        return now == null ? Instant.now() : now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the application reads instants and applies each organisation's zone");
    }

    /** Replaces the platform's clock in the one context every {@link FieldOpsTest} shares. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Configuration {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }
}
