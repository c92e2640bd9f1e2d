package com.fieldops.query.dashboard;

import com.fieldops.query.projection.TransactionBuffer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Adds deltas to the dashboard counters of every scope a timesheet or job belongs to: its org, team and person.
 * <p>
 * The deltas of a transaction (a Kafka poll of the projections) are summed up and written just before it commits:
 * one statement per counter table instead of three per event. Nothing reads the counters inside that transaction,
 * so collecting them changes no answer; the rows the deltas come from become visible at the same commit.
 */
@Component
public class DashboardCounters {

    private final JdbcClient jdbc;

    public DashboardCounters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The scopes one timesheet or job counts in. */
    public record Scopes(UUID orgId, UUID teamId, UUID userId) {
        List<Object[]> rows() {
            List<Object[]> rows = new ArrayList<>();
            rows.add(new Object[] {"org", orgId});
            if (teamId != null) rows.add(new Object[] {"team", teamId});
            if (userId != null) rows.add(new Object[] {"user", userId});
            return rows;
        }
    }

    /**
     * One delta of one scope's counter: totals have {@code first} jobs and {@code second} pending approvals,
     * revenue and completions a {@code key} (work date, completion time) and {@code first} the amount or count.
     */
    private record Delta(UUID orgId, String scope, UUID scopeId, Object key, Object first, Object second) {
    }

    /** What the current transaction adds to the counters, by table, in arrival order, and the locks it holds. */
    private static final class Pending {
        final TreeSet<UUID> orgs = new TreeSet<>();
        final Set<UUID> locked = new HashSet<>();
        final List<Delta> totals = new ArrayList<>();
        final List<Delta> revenue = new ArrayList<>();
        final List<Delta> completions = new ArrayList<>();
    }

    /**
     * Serialises changes to one organisation's counters, timesheets and jobs with their rebuild from the event store
     * ({@link DashboardRefresh}), taken before any of those rows is touched so neither can wait on the other's rows.
     * Held until the transaction ends, so it is asked of PostgreSQL once per organisation and transaction.
     */
    public void lock(UUID orgId) {
        if (!pending().locked.add(orgId)) return;
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('dashboard:' || :org, 0))")
                .param("org", orgId.toString()).query((row, n) -> 1).single();
    }

    public void addJobs(Scopes scopes, long jobs) {
        if (jobs != 0) add(pending().totals, scopes, null, jobs, 0L);
    }

    public void addPending(Scopes scopes, long pending) {
        if (pending != 0) add(pending().totals, scopes, null, 0L, pending);
    }

    public void addRevenue(Scopes scopes, LocalDate day, BigDecimal amount) {
        if (amount == null || amount.signum() == 0) return;
        add(pending().revenue, scopes, day, amount, null);
    }

    public void addCompletion(Scopes scopes, Instant at, long completions) {
        if (at == null || completions == 0) return;
        add(pending().completions, scopes, at, completions, null);
    }

    private void add(List<Delta> table, Scopes scopes, Object key, Object first, Object second) {
        pending().orgs.add(scopes.orgId());
        for (Object[] scope : scopes.rows()) {
            table.add(new Delta(scopes.orgId(), (String) scope[0], (UUID) scope[1], key, first, second));
        }
    }

    private Pending pending() {
        return TransactionBuffer.of(this, Pending::new, this::write);
    }

    /**
     * Locks the organisations not locked yet in one order (see {@link DashboardStatsProjection}: the events that change
     * rows lock theirs first), then adds
     * each table's deltas in one statement; {@code group by} sums the deltas of the same row, which one
     * {@code insert … on conflict} may touch only once. A sum of zero still makes its row, as applying the deltas
     * one by one would (a rebuild, which applies a thousand events at a time, must leave the same rows).
     */
    private void write(Pending pending) {
        pending.orgs.forEach(this::lock);
        if (!pending.totals.isEmpty()) {
            jdbc.sql("""
                            insert into dashboard_totals (org_id, scope, scope_id, total_jobs, pending_approvals)
                            select org_id, scope, scope_id, sum(jobs), sum(pending)
                              from unnest(?::uuid[], ?::text[], ?::uuid[], ?::bigint[], ?::bigint[])
                                   as delta(org_id, scope, scope_id, jobs, pending)
                             group by org_id, scope, scope_id
                            on conflict (org_id, scope, scope_id) do update
                               set total_jobs = dashboard_totals.total_jobs + excluded.total_jobs,
                                   pending_approvals = dashboard_totals.pending_approvals + excluded.pending_approvals""")
                    .params(column(pending.totals, Delta::orgId), column(pending.totals, Delta::scope),
                            column(pending.totals, Delta::scopeId), column(pending.totals, Delta::first),
                            column(pending.totals, Delta::second))
                    .update();
        }
        if (!pending.revenue.isEmpty()) {
            jdbc.sql("""
                            insert into dashboard_revenue (org_id, scope, scope_id, work_date, revenue)
                            select org_id, scope, scope_id, work_date, sum(amount)
                              from unnest(?::uuid[], ?::text[], ?::uuid[], ?::date[], ?::numeric[])
                                   as delta(org_id, scope, scope_id, work_date, amount)
                             group by org_id, scope, scope_id, work_date
                            on conflict (org_id, scope, scope_id, work_date)
                            do update set revenue = dashboard_revenue.revenue + excluded.revenue""")
                    .params(column(pending.revenue, Delta::orgId), column(pending.revenue, Delta::scope),
                            column(pending.revenue, Delta::scopeId), column(pending.revenue, Delta::key),
                            column(pending.revenue, Delta::first))
                    .update();
        }
        if (!pending.completions.isEmpty()) {
            jdbc.sql("""
                            insert into dashboard_completions (org_id, scope, scope_id, bucket, completed)
                            select org_id, scope, scope_id,
                                   date_bin('15 minutes', at, timestamptz '2000-01-01 00:00:00+00'), sum(completed)
                              from unnest(?::uuid[], ?::text[], ?::uuid[], ?::timestamptz[], ?::bigint[])
                                   as delta(org_id, scope, scope_id, at, completed)
                             group by 1, 2, 3, 4
                            on conflict (org_id, scope, scope_id, bucket)
                            do update set completed = dashboard_completions.completed + excluded.completed""")
                    .params(column(pending.completions, Delta::orgId), column(pending.completions, Delta::scope),
                            column(pending.completions, Delta::scopeId), column(pending.completions, Delta::key),
                            column(pending.completions, Delta::first))
                    .update();
        }
    }

    /** One column of the deltas as text (PostgreSQL casts the array to the column's type). */
    private static String[] column(List<Delta> deltas, Function<Delta, Object> value) {
        String[] column = new String[deltas.size()];
        for (int i = 0; i < column.length; i++) {
            Object v = value.apply(deltas.get(i));
            column[i] = v == null ? null : v instanceof BigDecimal amount ? amount.toPlainString() : v.toString();
        }
        return column;
    }
}
