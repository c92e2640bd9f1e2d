package com.fieldops.xero.ratelimit;

import com.fieldops.xero.XeroSettings;
import com.fieldops.xero.XeroUnavailable;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Xero's per-tenant limits, shared by every process through PostgreSQL (DESIGN §8): never more than 60 calls in any
 * rolling 60 seconds, at most 5 in flight, the daily budget, and a blocked-until set from 429 Retry-After and the
 * X-DayLimit-Remaining header. X-MinLimit-Remaining: 0 blocks nothing: 60 calls in any rolling 60 s never exceed
 * Xero's minute window, so the count above already holds the next call back exactly as long as needed (blocking a
 * whole minute on it cost a benchmark sync ~90 s); should Xero count differently, its 429 says how long to wait.
 *
 * <p>A call is admitted in a short transaction holding the tenant's row lock (xero_rate_limit), which records it as a
 * row of xero_rate_limit_call with a lease; waiting happens outside the lock. A process that dies mid-call frees its
 * in-flight slot when the lease expires; its call still counts in the window.
 */
@Component
public class XeroRateLimiter {

    public static final int CALLS_PER_WINDOW = 60;
    public static final Duration WINDOW = Duration.ofSeconds(60);
    public static final int MAX_IN_FLIGHT = 5;
    /** How long to wait before looking again while all in-flight slots are taken. */
    static final Duration IN_FLIGHT_POLL = Duration.ofMillis(50);
    /** X-DayLimit-Remaining: 0 without a Retry-After: look again after this (a 429 then tells the exact wait). */
    static final Duration DAY_LIMIT_PROBE = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Pause pause;
    private final int dailyBudget;
    private final Duration leaseTime;
    private final Duration longestWait;

    /** How a waiting caller waits; tests that drive the clock make it advance the clock. */
    @FunctionalInterface
    public interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** An admitted call; give it back with {@link #release}. */
    public record Lease(UUID id, String tenantId) {
    }

    /** What Xero's answer said about its limits (null where absent). */
    public record LimitSignals(Integer minuteRemaining, Integer dayRemaining, Duration retryAfter) {
        public static final LimitSignals NONE = new LimitSignals(null, null, null);
    }

    @Autowired
    public XeroRateLimiter(JdbcClient jdbc, PlatformTransactionManager transactions, XeroSettings settings) {
        this(jdbc, transactions, Clock.systemUTC(), duration -> Thread.sleep(duration.toMillis()),
                settings.dailyBudget(), settings.timeout().multipliedBy(2), WINDOW.multipliedBy(2));
    }

    /**
     * @param leaseTime   how long a call holds its in-flight slot at most (longer than any call may take)
     * @param longestWait a caller waits at most this long to be admitted, then gets {@link XeroUnavailable}
     */
    public XeroRateLimiter(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock, Pause pause,
                           int dailyBudget, Duration leaseTime, Duration longestWait) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.pause = pause;
        this.dailyBudget = dailyBudget;
        this.leaseTime = leaseTime;
        this.longestWait = longestWait;
    }

    /** Waits until the tenant may take one more call, and takes it. */
    public Lease acquire(String tenantId) {
        Instant giveUpAt = clock.instant().plus(longestWait);
        while (true) {
            Admission admission = transaction.execute(tx -> admit(tenantId));
            if (admission.lease() != null) return admission.lease();
            Instant now = clock.instant();
            if (admission.retryAt().isAfter(giveUpAt)) {
                throw new XeroUnavailable("Xero's limits for tenant " + tenantId + " allow no call before "
                        + admission.retryAt() + " (" + admission.reason() + ")", null);
            }
            try {
                pause.sleep(Duration.between(now, admission.retryAt()).isNegative() ? Duration.ZERO
                        : Duration.between(now, admission.retryAt()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new XeroUnavailable("interrupted while waiting for Xero's rate limit", e);
            }
        }
    }

    /** The call is over: its in-flight slot is free; what Xero said about its limits blocks the tenant if needed. */
    public void release(Lease lease, LimitSignals signals) {
        Instant now = clock.instant();
        Optional<Instant> blockedUntil = blockedUntil(now, signals);
        transaction.executeWithoutResult(tx -> {
            jdbc.sql("update xero_rate_limit_call set finished = true where lease_id = ?").param(lease.id()).update();
            blockedUntil.ifPresent(until -> jdbc.sql("""
                    update xero_rate_limit set blocked_until = greatest(coalesce(blocked_until, ?), ?)
                    where tenant_id = ?""").params(utc(until), utc(until), lease.tenantId()).update());
        });
    }

    /** Until when Xero's answer forbids the next call: its Retry-After, else a day limit reported spent. */
    static Optional<Instant> blockedUntil(Instant now, LimitSignals signals) {
        if (signals.retryAfter() != null) return Optional.of(now.plus(signals.retryAfter()));
        if (signals.dayRemaining() != null && signals.dayRemaining() <= 0) return Optional.of(now.plus(DAY_LIMIT_PROBE));
        return Optional.empty();
    }

    private record Admission(Lease lease, Instant retryAt, String reason) {
    }

    private Admission admit(String tenantId) {
        jdbc.sql("insert into xero_rate_limit (tenant_id) values (?) on conflict do nothing").param(tenantId).update();
        TenantRow tenant = jdbc.sql("select blocked_until, day, day_calls from xero_rate_limit where tenant_id = ? "
                        + "for update")
                .param(tenantId)
                .query((rs, row) -> new TenantRow(instant(rs.getTimestamp("blocked_until")),
                        rs.getObject("day", LocalDate.class), rs.getInt("day_calls")))
                .single();
        // read under the lock: admissions are then stamped in order, and a caller that waited for the lock is not
        // stamped with a time that others have already pruned the window past
        Instant now = clock.instant();
        if (tenant.blockedUntil() != null && tenant.blockedUntil().isAfter(now)) {
            return new Admission(null, tenant.blockedUntil(), "Xero asked to wait");
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        int callsToday = today.equals(tenant.day()) ? tenant.dayCalls() : 0;
        if (callsToday >= dailyBudget) {
            return new Admission(null, today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                    "the daily budget of " + dailyBudget + " calls is spent");
        }
        Instant windowStart = now.minus(WINDOW);
        // calls that left the window and are no longer in flight count for nothing any more
        jdbc.sql("delete from xero_rate_limit_call where tenant_id = ? and started_at < ? "
                        + "and (finished or lease_expires_at <= ?)")
                .params(tenantId, utc(windowStart), utc(now)).update();
        CallCounts counts = jdbc.sql("""
                        select count(*) filter (where started_at >= :windowStart) as in_window,
                               min(started_at) filter (where started_at >= :windowStart) as oldest_in_window,
                               count(*) filter (where not finished and lease_expires_at > :now) as in_flight
                        from xero_rate_limit_call where tenant_id = :tenant""")
                .param("windowStart", utc(windowStart)).param("now", utc(now)).param("tenant", tenantId)
                .query((rs, row) -> new CallCounts(rs.getInt("in_window"),
                        instant(rs.getTimestamp("oldest_in_window")), rs.getInt("in_flight")))
                .single();
        if (counts.inWindow() >= CALLS_PER_WINDOW) {
            // the window is [now - 60 s, now], both ends counted: the oldest call leaves it just after 60 s
            return new Admission(null, counts.oldestInWindow().plus(WINDOW).plusMillis(1),
                    CALLS_PER_WINDOW + " calls in the last 60 seconds");
        }
        if (counts.inFlight() >= MAX_IN_FLIGHT) {
            return new Admission(null, now.plus(IN_FLIGHT_POLL), MAX_IN_FLIGHT + " calls in flight");
        }
        Lease lease = new Lease(UUID.randomUUID(), tenantId);
        jdbc.sql("insert into xero_rate_limit_call (lease_id, tenant_id, started_at, lease_expires_at) "
                        + "values (?, ?, ?, ?)")
                .params(lease.id(), tenantId, utc(now), utc(now.plus(leaseTime))).update();
        jdbc.sql("update xero_rate_limit set day = ?, day_calls = ? where tenant_id = ?")
                .params(today, callsToday + 1, tenantId).update();
        return new Admission(lease, now, null);
    }

    private record TenantRow(Instant blockedUntil, LocalDate day, int dayCalls) {
    }

    private record CallCounts(int inWindow, Instant oldestInWindow, int inFlight) {
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
