package com.fieldops.query.dashboard;

import com.fieldops.platform.security.AppRole;
import com.fieldops.platform.security.CurrentUser;
import com.fieldops.query.organization.OrganizationSettingsReadRepository;
import com.fieldops.query.rls.RlsReads;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Reads the precomputed counters: a handful of primary-key rows whatever the data's size. They are kept by
 * {@link DashboardStatsProjection} and rebuilt from the event store by {@link DashboardRefresh}.
 */
@Component
public class DashboardStatsRepository {

    private final RlsReads reads;
    private final OrganizationSettingsReadRepository settings;
    private final Clock clock;

    public DashboardStatsRepository(RlsReads reads, OrganizationSettingsReadRepository settings, Clock clock) {
        this.reads = reads;
        this.settings = settings;
        this.clock = clock;
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
        // two round trips: the organisation's timezone, then the counters of its today
        ZoneId zone = settings.zoneOf(caller);
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        Instant start = today.atStartOfDay(zone).toInstant();
        Instant end = today.plusDays(1).atStartOfDay(zone).toInstant();
        // the three counters in one statement (an aggregate without GROUP BY: always one row, zeros for a scope with
        // no counters yet)
        return reads.optional(caller, """
                        select coalesce(max(total_jobs), 0) as total_jobs,
                               coalesce(max(pending_approvals), 0) as pending_approvals,
                               coalesce((select revenue from dashboard_revenue
                                         where org_id = :org and scope = :scope and scope_id = :id
                                           and work_date = :day), 0) as revenue,
                               (select coalesce(sum(completed), 0) from dashboard_completions
                                where org_id = :org and scope = :scope and scope_id = :id
                                  and bucket >= :start and bucket < :end) as completed
                        from dashboard_totals
                        where org_id = :org and scope = :scope and scope_id = :id""",
                Map.of("org", caller.orgId(), "scope", scopeKind, "id", scopeId, "day", today,
                        "start", start.atOffset(ZoneOffset.UTC), "end", end.atOffset(ZoneOffset.UTC)),
                (row, n) -> new DashboardStats(row.getLong("total_jobs"), row.getLong("completed"),
                        row.getLong("pending_approvals"), row.getBigDecimal("revenue").setScale(2), scope, today,
                        zone.getId(), now.truncatedTo(ChronoUnit.MILLIS)))
                .orElseThrow();
    }
}
