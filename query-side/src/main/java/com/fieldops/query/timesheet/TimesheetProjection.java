package com.fieldops.query.timesheet;

import com.fieldops.events.CloudEvent;
import com.fieldops.events.FieldOpsEvent;
import com.fieldops.events.MalformedEventException;
import com.fieldops.events.timesheet.TimesheetApproved;
import com.fieldops.events.timesheet.TimesheetCreated;
import com.fieldops.events.timesheet.TimesheetRejected;
import com.fieldops.events.timesheet.TimesheetSnapshot;
import com.fieldops.events.timesheet.TimesheetSubmitted;
import com.fieldops.events.timesheet.TimesheetUpdated;
import com.fieldops.query.projection.Projection;
import com.fieldops.query.projection.RebuildableProjection;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The timesheets read model, idempotent by the aggregate sequence number in {@code version}. Submitted, approved and
 * rejected events carry the whole entry and replace the row; a legacy fact may be the first we hear of an entry.
 */
@Component
@Order(0)
public class TimesheetProjection implements RebuildableProjection {

    private final JdbcClient jdbc;

    public TimesheetProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "timesheets";
    }

    @Override
    public void forget(UUID orgId) {
        jdbc.sql("delete from timesheets where org_id = :org").param("org", orgId).update();
    }

    @Override
    public boolean apply(CloudEvent envelope, FieldOpsEvent event) {
        if (event instanceof TimesheetCreated created) {
            insertDraft(created, envelope);
        } else if (event instanceof TimesheetUpdated updated) {
            update(updated, envelope);
        } else if (event instanceof TimesheetSubmitted submitted) {
            upsert(submitted.timesheet(), envelope);
        } else if (event instanceof TimesheetApproved approved) {
            upsert(approved.timesheet(), envelope);
        } else if (event instanceof TimesheetRejected rejected) {
            upsert(rejected.timesheet(), envelope);
        } else {
            return false;
        }
        return true;
    }

    private void insertDraft(TimesheetCreated created, CloudEvent envelope) {
        jdbc.sql("""
                        insert into timesheets (id, org_id, user_id, user_name, team_id, job_id, activity_type_id,
                                                work_date, hours, status, notes, created_at, updated_at, version)
                        values (:id, :org, :user, :userName, :team, :job, :type, :day, :hours, 'draft', :notes,
                                :at, :at, :version)
                        on conflict (id) do nothing""")
                .param("id", created.timesheetId()).param("org", created.orgId()).param("user", created.userId())
                .param("userName", created.userName()).param("team", created.teamId()).param("job", created.jobId())
                .param("type", created.activityTypeId()).param("day", created.workDate())
                .param("hours", created.hours()).param("notes", created.notes())
                .param("at", time(envelope)).param("version", Projection.sequenceOf(envelope))
                .update();
    }

    private void update(TimesheetUpdated updated, CloudEvent envelope) {
        Map<String, Object> columns = new LinkedHashMap<>();
        if (updated.jobId() != null) columns.put("job_id", updated.jobId().newValue());
        if (updated.activityTypeId() != null) columns.put("activity_type_id", updated.activityTypeId().newValue());
        if (updated.workDate() != null) columns.put("work_date", updated.workDate().newValue());
        if (updated.hours() != null) columns.put("hours", updated.hours().newValue());
        if (updated.notes() != null) columns.put("notes", updated.notes().newValue());
        StringBuilder set = new StringBuilder("updated_at = :at, version = :version");
        columns.keySet().forEach(column -> set.append(", ").append(column).append(" = :").append(column));
        int rows = jdbc.sql("update timesheets set " + set + " where id = :id and version < :version")
                .params(columns).param("at", time(envelope)).param("version", Projection.sequenceOf(envelope))
                .param("id", updated.timesheetId())
                .update();
        if (rows == 0) requireRow(updated.timesheetId(), envelope);
    }

    /** The whole entry, as submitted, approved or rejected; inserted when a legacy fact is the first we see. */
    private void upsert(TimesheetSnapshot entry, CloudEvent envelope) {
        jdbc.sql("""
                        insert into timesheets as t (id, org_id, user_id, user_name, team_id, job_id, activity_type_id,
                                activity_type_name, work_date, hours, hourly_rate, amount, status, notes, submitted_at,
                                approved_by, approved_at, rejected_reason, created_at, updated_at, version)
                        values (:id, :org, :user, :userName, :team, :job, :type, :typeName, :day, :hours, :rate,
                                :amount, :status, :notes, :submittedAt, :approvedBy, :approvedAt, :reason,
                                coalesce(:createdAt, :at), coalesce(:updatedAt, :at), :version)
                        on conflict (id) do update set
                            user_name = excluded.user_name, team_id = excluded.team_id, job_id = excluded.job_id,
                            activity_type_id = excluded.activity_type_id,
                            activity_type_name = excluded.activity_type_name, work_date = excluded.work_date,
                            hours = excluded.hours, hourly_rate = excluded.hourly_rate, amount = excluded.amount,
                            status = excluded.status, notes = excluded.notes, submitted_at = excluded.submitted_at,
                            approved_by = excluded.approved_by, approved_at = excluded.approved_at,
                            rejected_reason = excluded.rejected_reason, updated_at = excluded.updated_at,
                            version = excluded.version
                        where t.version < excluded.version""")
                .param("id", entry.id()).param("org", orgOf(entry, envelope)).param("user", entry.userId())
                .param("userName", entry.userName()).param("team", entry.teamId()).param("job", entry.jobId())
                .param("type", entry.activityTypeId()).param("typeName", entry.activityTypeName())
                .param("day", entry.workDate()).param("hours", entry.hours()).param("rate", entry.hourlyRate())
                .param("amount", entry.amount()).param("status", entry.status()).param("notes", entry.notes())
                .param("submittedAt", utc(entry.submittedAt())).param("approvedBy", entry.approvedBy())
                .param("approvedAt", utc(entry.approvedAt())).param("reason", entry.rejectedReason())
                .param("createdAt", utc(entry.createdAt())).param("updatedAt", utc(entry.updatedAt()))
                .param("at", time(envelope))
                .param("version", Projection.sequenceOf(envelope))
                .update();
    }

    private static UUID orgOf(TimesheetSnapshot entry, CloudEvent envelope) {
        return entry.orgId() != null ? entry.orgId() : UUID.fromString(envelope.orgid());
    }

    private void requireRow(UUID id, CloudEvent envelope) {
        boolean exists = jdbc.sql("select exists (select 1 from timesheets where id = :id)")
                .param("id", id).query(Boolean.class).single();
        if (!exists) {
            throw new MalformedEventException("timesheet " + id + " is not in the read model (its created event was "
                    + "never applied), so " + envelope.type() + " " + envelope.id() + " cannot be applied");
        }
    }

    private static OffsetDateTime time(CloudEvent envelope) {
        return envelope.time().atOffset(ZoneOffset.UTC);
    }

    private static OffsetDateTime utc(java.time.Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
