package com.fieldops.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fieldops.xero.XeroUnavailable;
import com.fieldops.xero.ratelimit.XeroRateLimiter;
import com.fieldops.xero.ratelimit.XeroRateLimiter.Lease;
import com.fieldops.xero.ratelimit.XeroRateLimiter.LimitSignals;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The rate limiter itself, against PostgreSQL: many threads of two limiter instances (two processes) on one tenant,
 * with a clock the test drives (waiting advances it), so minutes of Xero time pass in moments.
 */
@FieldOpsTest
class XeroRateLimiterTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    /** A clock that only moves when a waiting caller moves it; never backwards. */
    static final class DrivenClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-02T09:00:00Z"));

        @Override
        public Instant instant() {
            return now.get();
        }

        /** Waiting {@code duration}: time passes at least that much from now. */
        void pass(Duration duration) {
            Instant from = now.get();
            now.accumulateAndGet(from.plus(duration), (current, target) -> target.isAfter(current) ? target : current);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private XeroRateLimiter limiter(DrivenClock clock, int dailyBudget, Duration leaseTime) {
        return new XeroRateLimiter(jdbc, transactions, clock, duration -> {
            clock.pass(duration);
            Thread.sleep(5); // let the other threads at it
        }, dailyBudget, leaseTime, Duration.ofMinutes(10));
    }

    @Test
    void neverMoreThan60CallsInAnyRolling60SecondsAcrossProcesses() throws Exception {
        DrivenClock clock = new DrivenClock();
        List<XeroRateLimiter> processes = List.of(limiter(clock, 5000, Duration.ofMinutes(10)),
                limiter(clock, 5000, Duration.ofMinutes(10)));
        String tenant = UUID.randomUUID().toString();
        List<Instant> starts = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger remaining = new AtomicInteger(200);

        runThreads(12, thread -> {
            XeroRateLimiter limiter = processes.get(thread % 2);
            while (remaining.getAndDecrement() > 0) {
                Lease lease = limiter.acquire(tenant);
                starts.add(startOf(lease));
                limiter.release(lease, LimitSignals.NONE);
            }
        });

        List<Instant> sorted = starts.stream().sorted().toList();
        assertThat(sorted).hasSize(200);
        for (int i = 0; i + XeroRateLimiter.CALLS_PER_WINDOW < sorted.size(); i++) {
            // the 61st call after any call starts more than 60 s after it
            assertThat(Duration.between(sorted.get(i), sorted.get(i + XeroRateLimiter.CALLS_PER_WINDOW)))
                    .as("calls %d to %d", i, i + XeroRateLimiter.CALLS_PER_WINDOW)
                    .isGreaterThan(XeroRateLimiter.WINDOW);
        }
        // 200 calls need at least three full windows: the limiter made callers wait
        assertThat(Duration.between(sorted.get(0), sorted.get(199))).isGreaterThan(Duration.ofMinutes(3));
    }

    @Test
    void neverMoreThanFiveInFlight() throws Exception {
        DrivenClock clock = new DrivenClock();
        List<XeroRateLimiter> processes = List.of(limiter(clock, 5000, Duration.ofMinutes(10)),
                limiter(clock, 5000, Duration.ofMinutes(10)));
        String tenant = UUID.randomUUID().toString();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger remaining = new AtomicInteger(30);

        runThreads(10, thread -> {
            XeroRateLimiter limiter = processes.get(thread % 2);
            while (remaining.getAndDecrement() > 0) {
                Lease lease = limiter.acquire(tenant);
                most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                Thread.sleep(200); // the call to Xero
                inFlight.decrementAndGet();
                limiter.release(lease, LimitSignals.NONE);
            }
        });

        assertThat(most.get()).isEqualTo(XeroRateLimiter.MAX_IN_FLIGHT);
    }

    @Test
    void theSlotOfAProcessThatDiedIsFreedWhenItsLeaseExpires() {
        DrivenClock clock = new DrivenClock();
        XeroRateLimiter limiter = limiter(clock, 5000, Duration.ofSeconds(5));
        String tenant = UUID.randomUUID().toString();
        for (int i = 0; i < XeroRateLimiter.MAX_IN_FLIGHT; i++) limiter.acquire(tenant); // never released
        Instant before = clock.instant();

        limiter.release(limiter.acquire(tenant), LimitSignals.NONE);

        assertThat(Duration.between(before, clock.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void retryAfterBlocksTheTenantASpentMinuteDoesNot() {
        DrivenClock clock = new DrivenClock();
        XeroRateLimiter limiter = limiter(clock, 5000, Duration.ofMinutes(1));
        String tenant = UUID.randomUUID().toString();

        Instant first = clock.instant();
        limiter.release(limiter.acquire(tenant), new LimitSignals(null, null, Duration.ofSeconds(30)));
        limiter.release(limiter.acquire(tenant), new LimitSignals(0, 4000, null));
        Instant second = clock.instant();
        assertThat(Duration.between(first, second)).isGreaterThanOrEqualTo(Duration.ofSeconds(30));

        // the rolling count holds the 61st call back; Xero's "0 left this minute" adds no wait of its own
        limiter.release(limiter.acquire(tenant), LimitSignals.NONE);
        assertThat(Duration.between(second, clock.instant())).isLessThan(XeroRateLimiter.WINDOW);
    }

    @Test
    void theDailyBudgetIsNeverExceeded() {
        DrivenClock clock = new DrivenClock();
        XeroRateLimiter limiter = limiter(clock, 3, Duration.ofMinutes(1));
        String tenant = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) limiter.release(limiter.acquire(tenant), LimitSignals.NONE);

        assertThatThrownBy(() -> limiter.acquire(tenant)).isInstanceOf(XeroUnavailable.class)
                .hasMessageContaining("daily budget of 3 calls");
        // another tenant has its own budget
        limiter.release(limiter.acquire(UUID.randomUUID().toString()), LimitSignals.NONE);
    }

    private Instant startOf(Lease lease) {
        return jdbc.sql("select started_at from xero_rate_limit_call where lease_id = ?").param(lease.id())
                .query(Timestamp.class).single().toInstant();
    }

    @FunctionalInterface
    interface Worker {
        void run(int thread) throws Exception;
    }

    private static void runThreads(int count, Worker worker) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int thread = i;
                running.add(threads.submit(() -> {
                    worker.run(thread);
                    return null;
                }));
            }
            for (Future<?> future : running) future.get(2, TimeUnit.MINUTES);
        } finally {
            threads.shutdownNow();
        }
    }
}
