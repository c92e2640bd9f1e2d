package com.fieldops.query.dashboard;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Adds deltas to the dashboard counters of every scope a timesheet or job belongs to: its org, team and person. */
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
     * Serialises changes to one organisation's counters, timesheets and jobs with their rebuild from the event store
     * ({@link DashboardRefresh}), taken before any of those rows is touched so neither can wait on the other's rows.
     */
    public void lock(UUID orgId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('dashboard:' || :org, 0))")
                .param("org", orgId.toString()).query((row, n) -> 1).single();
    }

    public void addJobs(Scopes scopes, long jobs) {
        if (jobs != 0) totals(scopes, "total_jobs", jobs);
    }

    public void addPending(Scopes scopes, long pending) {
        if (pending != 0) totals(scopes, "pending_approvals", pending);
    }

    public void addRevenue(Scopes scopes, LocalDate day, BigDecimal amount) {
        if (amount == null || amount.signum() == 0) return;
        for (Object[] scope : scopes.rows()) {
            jdbc.sql("""
                            insert into dashboard_revenue (org_id, scope, scope_id, work_date, revenue)
                            values (:org, :scope, :id, :day, :amount)
                            on conflict (org_id, scope, scope_id, work_date)
                            do update set revenue = dashboard_revenue.revenue + excluded.revenue""")
                    .param("org", scopes.orgId()).param("scope", scope[0]).param("id", scope[1])
                    .param("day", day).param("amount", amount).update();
        }
    }

    public void addCompletion(Scopes scopes, Instant at, long completions) {
        if (at == null || completions == 0) return;
        for (Object[] scope : scopes.rows()) {
            jdbc.sql("""
                            insert into dashboard_completions (org_id, scope, scope_id, bucket, completed)
                            values (:org, :scope, :id,
                                    date_bin('15 minutes', :at, timestamptz '2000-01-01 00:00:00+00'), :delta)
                            on conflict (org_id, scope, scope_id, bucket)
                            do update set completed = dashboard_completions.completed + excluded.completed""")
                    .param("org", scopes.orgId()).param("scope", scope[0]).param("id", scope[1])
                    .param("at", at.atOffset(ZoneOffset.UTC)).param("delta", completions).update();
        }
    }

    private void totals(Scopes scopes, String column, long delta) {
        for (Object[] scope : scopes.rows()) {
            jdbc.sql("insert into dashboard_totals (org_id, scope, scope_id, " + column + ") values (:org, :scope, :id,"
                            + " :delta) on conflict (org_id, scope, scope_id) do update set " + column
                            + " = dashboard_totals." + column + " + excluded." + column)
                    .param("org", scopes.orgId()).param("scope", scope[0]).param("id", scope[1])
                    .param("delta", delta).update();
        }
    }
}
