package com.fieldops.query.dashboard;

import com.fieldops.platform.security.AppRole;
import com.fieldops.platform.security.CurrentUser;
import com.fieldops.query.rls.RlsReads;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the precomputed counters (a handful of primary-key rows whatever the data's size), and recomputes an
 * organisation's counters from the timesheets and jobs read models for POST /api/dashboard/refresh.
 */
@Component
public class DashboardStatsRepository {

    private final RlsReads reads;
    private final JdbcClient jdbc;
    private final DashboardCounters counters;
    private final TransactionTemplate transaction;
    private final String defaultTimezone;
    private final Clock clock;

    public DashboardStatsRepository(RlsReads reads, JdbcClient jdbc, DashboardCounters counters,
                                    TransactionTemplate transaction,
                                    @Value("${fieldops.default-timezone:UTC}") String defaultTimezone) {
        this.reads = reads;
        this.jdbc = jdbc;
        this.counters = counters;
        this.transaction = transaction;
        this.defaultTimezone = defaultTimezone;
        this.clock = Clock.systemUTC();
    }

    public DashboardStats stats(CurrentUser caller) {
        String scope;
        String scopeKind;
        UUID scopeId;
        if (caller.is(AppRole.TECHNICIAN) || (caller.is(AppRole.MANAGER) && caller.teamId() == null)) {
            scope = "own";
            scopeKind = "user";
            scopeId = caller.userId();
        } else if (caller.is(AppRole.MANAGER)) {
            scope = "team";
            scopeKind = "team";
            scopeId = caller.teamId();
        } else {
            scope = "organization";
            scopeKind = "org";
            scopeId = caller.orgId();
        }
        return reads.as(caller, db -> {
            String timezone = db.sql("select timezone from organization_settings where org_id = :org")
                    .param("org", caller.orgId()).query(String.class).optional().orElse(defaultTimezone);
            ZoneId zone = ZoneId.of(timezone);
            Instant now = clock.instant();
            LocalDate today = LocalDate.ofInstant(now, zone);
            Instant start = today.atStartOfDay(zone).toInstant();
            Instant end = today.plusDays(1).atStartOfDay(zone).toInstant();
            // the three counters in one statement (an aggregate without GROUP BY: always one row, zeros for a scope
            // with no counters yet): a stats read is two round trips after the claims are set
            return db.sql("""
                            select coalesce(max(total_jobs), 0) as total_jobs,
                                   coalesce(max(pending_approvals), 0) as pending_approvals,
                                   coalesce((select revenue from dashboard_revenue
                                             where org_id = :org and scope = :scope and scope_id = :id
                                               and work_date = :day), 0) as revenue,
                                   (select coalesce(sum(completed), 0) from dashboard_completions
                                    where org_id = :org and scope = :scope and scope_id = :id
                                      and bucket >= :start and bucket < :end) as completed
                            from dashboard_totals
                            where org_id = :org and scope = :scope and scope_id = :id""")
                    .param("org", caller.orgId()).param("scope", scopeKind).param("id", scopeId).param("day", today)
                    .param("start", start.atOffset(ZoneOffset.UTC)).param("end", end.atOffset(ZoneOffset.UTC))
                    .query((row, n) -> new DashboardStats(row.getLong("total_jobs"), row.getLong("completed"),
                            row.getLong("pending_approvals"), row.getBigDecimal("revenue").setScale(2), scope, today,
                            timezone, now.truncatedTo(ChronoUnit.MILLIS)))
                    .single();
        });
    }

    /** Recomputes the organisation's counters from the read models; the same numbers as the running deltas. */
    public void recompute(UUID orgId) {
        transaction.executeWithoutResult(status -> {
            counters.lock(orgId);
            for (String table : new String[] {"dashboard_totals", "dashboard_revenue", "dashboard_completions"}) {
                jdbc.sql("delete from " + table + " where org_id = :org").param("org", orgId).update();
            }
            jdbc.sql("""
                    insert into dashboard_totals (org_id, scope, scope_id, total_jobs, pending_approvals)
                    select :org, scope, scope_id, sum(jobs), sum(pending) from (
                        select 'org' as scope, org_id as scope_id, 1 as jobs, 0 as pending from jobs
                        where org_id = :org and status <> 'cancelled'
                        union all select 'team', assignee_team_id, 1, 0 from jobs
                        where org_id = :org and status <> 'cancelled' and assignee_team_id is not null
                        union all select 'user', assignee_id, 1, 0 from jobs
                        where org_id = :org and status <> 'cancelled' and assignee_id is not null
                        union all select 'org', org_id, 0, 1 from timesheets where org_id = :org and status = 'submitted'
                        union all select 'team', team_id, 0, 1 from timesheets
                        where org_id = :org and status = 'submitted' and team_id is not null
                        union all select 'user', user_id, 0, 1 from timesheets where org_id = :org and status = 'submitted'
                    ) counted group by scope, scope_id""").param("org", orgId).update();
            jdbc.sql("""
                    insert into dashboard_revenue (org_id, scope, scope_id, work_date, revenue)
                    select :org, scope, scope_id, work_date, sum(amount) from (
                        select 'org' as scope, org_id as scope_id, work_date, amount from timesheets
                        where org_id = :org and status in ('submitted', 'approved')
                        union all select 'team', team_id, work_date, amount from timesheets
                        where org_id = :org and status in ('submitted', 'approved') and team_id is not null
                        union all select 'user', user_id, work_date, amount from timesheets
                        where org_id = :org and status in ('submitted', 'approved')
                    ) earned group by scope, scope_id, work_date""").param("org", orgId).update();
            jdbc.sql("""
                    insert into dashboard_completions (org_id, scope, scope_id, bucket, completed)
                    select :org, scope, scope_id, date_bin('15 minutes', status_changed_at,
                                                           timestamptz '2000-01-01 00:00:00+00'), count(*) from (
                        select 'org' as scope, org_id as scope_id, status_changed_at from jobs
                        where org_id = :org and status = 'completed'
                        union all select 'team', assignee_team_id, status_changed_at from jobs
                        where org_id = :org and status = 'completed' and assignee_team_id is not null
                        union all select 'user', assignee_id, status_changed_at from jobs
                        where org_id = :org and status = 'completed' and assignee_id is not null
                    ) done group by scope, scope_id, 4""").param("org", orgId).update();
        });
    }
}
