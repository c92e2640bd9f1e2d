package com.fieldops.query.dashboard;

import com.fieldops.events.CloudEvent;
import com.fieldops.events.FieldOpsEvent;
import com.fieldops.events.job.JobAssigned;
import com.fieldops.events.job.JobCreated;
import com.fieldops.events.job.JobStatusChanged;
import com.fieldops.events.timesheet.TimesheetApproved;
import com.fieldops.events.timesheet.TimesheetCreated;
import com.fieldops.events.timesheet.TimesheetRejected;
import com.fieldops.events.timesheet.TimesheetSnapshot;
import com.fieldops.events.timesheet.TimesheetSubmitted;
import com.fieldops.events.timesheet.TimesheetUpdated;
import com.fieldops.query.dashboard.DashboardCounters.Scopes;
import com.fieldops.query.projection.RebuildableProjection;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the dashboard counters by deltas: how the event changes what a timesheet or job counts for. It runs before
 * the timesheets and jobs projections of the same transaction, so it reads the row as it was before the event; a
 * row whose version already reached the event's sequence means a redelivery, which changes nothing. The deltas are
 * written when the transaction commits ({@link DashboardCounters}).
 * <p>
 * Being first, it also takes the organisation's lock ({@link DashboardCounters#lock}) for every event that changes a
 * timesheet or job row, counted or not, so that a refresh, which rebuilds these rows and the counters under the same
 * lock, never interleaves with the consumer: an event applied while a refresh runs waits for it, then finds the
 * rebuilt rows.
 */
@Component
@Order(-10)
public class DashboardStatsProjection implements RebuildableProjection {

    private final JdbcClient jdbc;
    private final DashboardCounters counters;

    public DashboardStatsProjection(JdbcClient jdbc, DashboardCounters counters) {
        this.jdbc = jdbc;
        this.counters = counters;
    }

    @Override
    public String name() {
        return "dashboard";
    }

    @Override
    public List<String> tables() {
        return List.of("dashboard_totals", "dashboard_revenue", "dashboard_completions");
    }

    /** What a timesheet counts for: pending when submitted, revenue on its work date when submitted or approved. */
    record SheetState(Scopes scopes, String status, LocalDate day, BigDecimal amount, long version) {
        boolean pending() {
            return "submitted".equals(status);
        }

        boolean earns() {
            return "submitted".equals(status) || "approved".equals(status);
        }
    }

    /** What a job counts for: a job unless cancelled, a completion at the time it was completed. */
    record JobState(Scopes scopes, String status, Instant statusChangedAt, long version) {
        boolean counted() {
            return !"cancelled".equals(status);
        }

        boolean completed() {
            return "completed".equals(status);
        }
    }

    @Override
    public void forget(UUID orgId) {
        for (String table : new String[] {"dashboard_totals", "dashboard_revenue", "dashboard_completions"}) {
            jdbc.sql("delete from " + table + " where org_id = :org").param("org", orgId).update();
        }
    }

    @Override
    public boolean apply(CloudEvent envelope, FieldOpsEvent event) {
        long sequence = envelope.sequence() == null ? 0 : envelope.sequence();
        if (event instanceof TimesheetCreated || event instanceof TimesheetUpdated) {
            counters.lock(event.orgId()); // a draft counts for nothing, but its row is rebuilt by a refresh
            return false;
        }
        if (!(event instanceof TimesheetSubmitted || event instanceof TimesheetApproved
                || event instanceof TimesheetRejected || event instanceof JobCreated || event instanceof JobAssigned
                || event instanceof JobStatusChanged)) {
            return false;
        }
        counters.lock(event.orgId());
        if (event instanceof TimesheetSubmitted e) return sheet(e.timesheet(), envelope, sequence);
        if (event instanceof TimesheetApproved e) return sheet(e.timesheet(), envelope, sequence);
        if (event instanceof TimesheetRejected e) return sheet(e.timesheet(), envelope, sequence);
        if (event instanceof JobCreated e) {
            if (jobBefore(e.jobId()).isPresent()) return true;
            Scopes scopes = new Scopes(e.orgId(), e.assigneeTeamId(), e.assigneeId());
            return job(Optional.empty(), new JobState(scopes, "scheduled", null, sequence));
        }
        if (event instanceof JobAssigned e) {
            return jobBefore(e.jobId()).filter(before -> before.version() < sequence).map(before -> job(
                    Optional.of(before), new JobState(new Scopes(e.orgId(), e.assigneeTeamId(), e.assigneeId()),
                            before.status(), before.statusChangedAt(), sequence))).orElse(true);
        }
        if (event instanceof JobStatusChanged e) {
            return jobBefore(e.jobId()).filter(before -> before.version() < sequence).map(before -> job(
                    Optional.of(before), new JobState(before.scopes(), e.status(), e.changedAt(), sequence)))
                    .orElse(true);
        }
        throw new IllegalStateException("unreachable: " + event.getClass());
    }

    private boolean sheet(TimesheetSnapshot entry, CloudEvent envelope, long sequence) {
        UUID org = entry.orgId() != null ? entry.orgId() : UUID.fromString(envelope.orgid());
        Optional<SheetState> before = jdbc.sql("""
                        select org_id, team_id, user_id, status, work_date, amount, version from timesheets
                        where id = :id""")
                .param("id", entry.id())
                .query((row, n) -> new SheetState(new Scopes(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
                        row.getObject(3, UUID.class)), row.getString(4), row.getObject(5, LocalDate.class),
                        row.getBigDecimal(6), row.getLong(7)))
                .optional();
        if (before.isPresent() && before.get().version() >= sequence) return true; // a redelivery
        before.ifPresent(old -> {
            counters.addPending(old.scopes(), old.pending() ? -1 : 0);
            if (old.earns()) counters.addRevenue(old.scopes(), old.day(), old.amount().negate());
        });
        SheetState after = new SheetState(new Scopes(org, entry.teamId(), entry.userId()), entry.status(),
                entry.workDate(), entry.amount(), sequence);
        counters.addPending(after.scopes(), after.pending() ? 1 : 0);
        if (after.earns()) counters.addRevenue(after.scopes(), after.day(), after.amount());
        return true;
    }

    private boolean job(Optional<JobState> before, JobState after) {
        before.ifPresent(old -> {
            counters.addJobs(old.scopes(), old.counted() ? -1 : 0);
            if (old.completed()) counters.addCompletion(old.scopes(), old.statusChangedAt(), -1);
        });
        counters.addJobs(after.scopes(), after.counted() ? 1 : 0);
        if (after.completed()) counters.addCompletion(after.scopes(), after.statusChangedAt(), 1);
        return true;
    }

    private Optional<JobState> jobBefore(UUID jobId) {
        return jdbc.sql("""
                        select org_id, assignee_team_id, assignee_id, status, status_changed_at, version from jobs
                        where id = :id""")
                .param("id", jobId)
                .query((row, n) -> {
                    OffsetDateTime changed = row.getObject(5, OffsetDateTime.class);
                    return new JobState(new Scopes(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
                            row.getObject(3, UUID.class)), row.getString(4),
                            changed == null ? null : changed.toInstant(), row.getLong(6));
                })
                .optional();
    }
}
