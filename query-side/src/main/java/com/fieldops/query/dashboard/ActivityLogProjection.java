package com.fieldops.query.dashboard;

import com.fieldops.events.Change;
import com.fieldops.events.CloudEvent;
import com.fieldops.events.CloudEventCodec;
import com.fieldops.events.FieldOpsEvent;
import com.fieldops.events.activitytype.ActivityTypeCreated;
import com.fieldops.events.activitytype.ActivityTypeDisabled;
import com.fieldops.events.activitytype.ActivityTypeEnabled;
import com.fieldops.events.activitytype.ActivityTypeUpdated;
import com.fieldops.events.activitytype.ActivityTypeXeroPushFailed;
import com.fieldops.events.activitytype.ActivityTypeXeroPushed;
import com.fieldops.events.activitytype.ActivityTypesImported;
import com.fieldops.events.job.JobAssigned;
import com.fieldops.events.job.JobCreated;
import com.fieldops.events.job.JobStatusChanged;
import com.fieldops.events.organization.OrganizationSettingsChanged;
import com.fieldops.events.project.ProjectCreated;
import com.fieldops.events.project.ProjectUpdated;
import com.fieldops.events.revenuetarget.RevenueTargetSet;
import com.fieldops.events.timesheet.TimesheetApproved;
import com.fieldops.events.timesheet.TimesheetCreated;
import com.fieldops.events.timesheet.TimesheetRejected;
import com.fieldops.events.timesheet.TimesheetSnapshot;
import com.fieldops.events.timesheet.TimesheetSubmitted;
import com.fieldops.events.timesheet.TimesheetUpdated;
import com.fieldops.events.xero.XeroConnected;
import com.fieldops.events.xero.XeroDisconnected;
import com.fieldops.events.xero.XeroSyncCompleted;
import com.fieldops.events.xero.XeroSyncCounts;
import com.fieldops.events.xero.XeroSyncFailed;
import com.fieldops.query.projection.Projection;
import com.fieldops.query.projection.TransactionBuffer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Turns events into activity_log rows, denormalised for display ("Jane Smith's timesheet for 2026-01-23 (3.5 h
 * Electrical)"). Runs after the entity projections of the same batch, so names it looks up are current. The row id
 * is the event id: a redelivered event is inserted once. Rows are inserted when the transaction commits.
 */
@Component
@Order(100)
public class ActivityLogProjection implements Projection {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    public ActivityLogProjection(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    @Override
    public String name() {
        return "activity_log";
    }

    /** One feed row; subject and team say whose resource it concerns, for the role scopes. */
    private record Entry(String action, String resourceType, UUID resourceId, String resourceName, Object details,
                         UUID subjectUserId, UUID teamId) {
    }

    @Override
    public boolean apply(CloudEvent envelope, FieldOpsEvent event) {
        Optional<Entry> entry = entryOf(event);
        entry.ifPresent(row -> insert(envelope, event, row));
        return entry.isPresent();
    }

    private Optional<Entry> entryOf(FieldOpsEvent event) {
        if (event instanceof ActivityTypeCreated e) {
            return Optional.of(new Entry("activity_type_created", "activity_type", e.activityTypeId(), e.name(),
                    CloudEventCodec.dataOf(e), null, null));
        }
        if (event instanceof ActivityTypeUpdated e) {
            return Optional.of(new Entry("activity_type_updated", "activity_type", e.activityTypeId(),
                    activityTypeName(e.activityTypeId()), e.changes(), null, null));
        }
        if (event instanceof ActivityTypeDisabled e) {
            return Optional.of(new Entry("activity_type_disabled", "activity_type", e.activityTypeId(),
                    activityTypeName(e.activityTypeId()), Map.of("enabled", Change.of(true, false)), null, null));
        }
        if (event instanceof ActivityTypeEnabled e) {
            return Optional.of(new Entry("activity_type_enabled", "activity_type", e.activityTypeId(),
                    activityTypeName(e.activityTypeId()), Map.of("enabled", Change.of(false, true)), null, null));
        }
        if (event instanceof ActivityTypeXeroPushFailed e) {
            return Optional.of(new Entry("activity_type_xero_push_failed", "activity_type", e.activityTypeId(),
                    activityTypeName(e.activityTypeId()), CloudEventCodec.dataOf(e), null, null));
        }
        if (event instanceof ActivityTypeXeroPushed e) {
            return Optional.of(new Entry("activity_type_xero_pushed", "activity_type", e.activityTypeId(),
                    activityTypeName(e.activityTypeId()), CloudEventCodec.dataOf(e), null, null));
        }
        if (event instanceof ActivityTypesImported e) {
            return Optional.of(new Entry("activity_types_imported", "activity_type", e.importId(),
                    "Import of " + (e.created() + e.updated()) + " activity types", CloudEventCodec.dataOf(e), null,
                    null));
        }
        if (event instanceof TimesheetCreated e) {
            return Optional.of(new Entry("timesheet_created", "timesheet", e.timesheetId(),
                    timesheetName(e.userName(), e.workDate(), e.hours(), activityTypeName(e.activityTypeId())),
                    Map.of("status", Change.of(null, "draft")), e.userId(), e.teamId()));
        }
        if (event instanceof TimesheetUpdated e) {
            return timesheetRow(e.timesheetId()).map(sheet -> new Entry("timesheet_updated", "timesheet",
                    e.timesheetId(), sheet.name(), CloudEventCodec.dataOf(e), sheet.owner(), sheet.team()));
        }
        if (event instanceof TimesheetSubmitted e) return Optional.of(timesheetEntry("timesheet_submitted", e.timesheet()));
        if (event instanceof TimesheetApproved e) return Optional.of(timesheetEntry("timesheet_approved", e.timesheet()));
        if (event instanceof TimesheetRejected e) return Optional.of(timesheetEntry("timesheet_rejected", e.timesheet()));
        if (event instanceof JobCreated e) {
            return Optional.of(new Entry("job_created", "job", e.jobId(), jobName(e.title(), e.clientName()),
                    CloudEventCodec.dataOf(e), e.assigneeId(), e.assigneeTeamId()));
        }
        if (event instanceof JobAssigned e) {
            return Optional.of(new Entry("job_assigned", "job", e.jobId(), jobRow(e.jobId()).name(),
                    CloudEventCodec.dataOf(e), e.assigneeId(), e.assigneeTeamId()));
        }
        if (event instanceof JobStatusChanged e) {
            String action = switch (e.status()) {
                case "completed" -> "job_completed";
                case "cancelled" -> "job_cancelled";
                default -> "job_status_changed";
            };
            JobRow job = jobRow(e.jobId());
            return Optional.of(new Entry(action, "job", e.jobId(), job.name(), CloudEventCodec.dataOf(e),
                    job.assignee(), job.team()));
        }
        if (event instanceof ProjectCreated e) {
            return Optional.of(new Entry("project_created", "project", e.projectId(), e.name(),
                    e.changes() == null ? Map.of() : e.changes(), null, null));
        }
        if (event instanceof ProjectUpdated e) {
            return Optional.of(new Entry("project_updated", "project", e.projectId(), e.name(),
                    e.changes() == null ? Map.of() : e.changes(), null, null));
        }
        if (event instanceof OrganizationSettingsChanged e) {
            return Optional.of(new Entry("organization_settings_changed", "organization", e.orgId(),
                    "Organisation settings", CloudEventCodec.dataOf(e), null, null));
        }
        if (event instanceof XeroConnected e) {
            return Optional.of(new Entry("xero_connected", "xero_connection", e.orgId(), e.tenantName(),
                    CloudEventCodec.dataOf(e), null, null));
        }
        if (event instanceof XeroDisconnected e) {
            return Optional.of(new Entry("xero_disconnected", "xero_connection", e.orgId(), e.tenantName(),
                    CloudEventCodec.dataOf(e), null, null));
        }
        if (event instanceof RevenueTargetSet e) {
            return Optional.of(new Entry("revenue_target_set", "revenue_target", e.targetId(),
                    "Revenue target for " + e.month(), Map.of("amount", e.amount()), null, null));
        }
        if (event instanceof XeroSyncCompleted e) {
            Map<String, Object> details = syncDetails(e.type(), e.trigger(), e.counts());
            details.put("status", e.status());
            return Optional.of(new Entry("xero_sync_completed", "xero_sync", e.syncId(), syncName(e.type()), details,
                    null, null));
        }
        if (event instanceof XeroSyncFailed e) {
            Map<String, Object> details = syncDetails(e.type(), e.trigger(), e.counts());
            details.put("error", e.error());
            return Optional.of(new Entry("xero_sync_failed", "xero_sync", e.syncId(), syncName(e.type()), details,
                    null, null));
        }
        return Optional.empty();
    }

    /** A sync's feed details: what it synced, why, and its counts (its per-record errors are in the sync log). */
    private static Map<String, Object> syncDetails(String type, String trigger, XeroSyncCounts counts) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("type", type);
        details.put("trigger", trigger);
        details.put("processed", counts.processed());
        details.put("created", counts.created());
        details.put("updated", counts.updated());
        details.put("failed", counts.failed());
        return details;
    }

    private static String syncName(String type) {
        return "Xero sync (" + type + ")";
    }

    private Entry timesheetEntry(String action, TimesheetSnapshot sheet) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status", sheet.status());
        details.put("hours", sheet.hours());
        details.put("hourly_rate", sheet.hourlyRate());
        details.put("amount", sheet.amount());
        if (sheet.rejectedReason() != null) details.put("rejected_reason", sheet.rejectedReason());
        return new Entry(action, "timesheet", sheet.id(), timesheetName(sheet.userName(), sheet.workDate(),
                sheet.hours(), sheet.activityTypeName()), details, sheet.userId(), sheet.teamId());
    }

    static String timesheetName(String person, LocalDate day, BigDecimal hours, String activityType) {
        String who = person == null || person.isBlank() ? "A" : person + "'s";
        String what = hours.stripTrailingZeros().toPlainString() + " h"
                + (activityType == null ? "" : " " + activityType);
        return (who.equals("A") ? "A timesheet" : who + " timesheet") + " for " + day + " (" + what + ")";
    }

    private static String jobName(String title, String client) {
        return client == null || client.isBlank() ? title : title + " for " + client;
    }

    private String activityTypeName(UUID id) {
        return jdbc.sql("select name from activity_types where id = :id").param("id", id).query(String.class)
                .optional().orElse(null);
    }

    /** A timesheet as the feed names it, and whose it is; one read (the projection runs once per event). */
    private record TimesheetRow(String name, UUID owner, UUID team) {
    }

    private Optional<TimesheetRow> timesheetRow(UUID id) {
        return jdbc.sql("""
                        select t.user_name, t.work_date, t.hours, coalesce(t.activity_type_name, a.name) as type_name,
                               t.user_id, t.team_id
                        from timesheets t left join activity_types a on a.id = t.activity_type_id
                        where t.id = :id""")
                .param("id", id)
                .query((row, number) -> new TimesheetRow(timesheetName(row.getString(1),
                        row.getObject(2, LocalDate.class), row.getBigDecimal(3), row.getString(4)),
                        row.getObject(5, UUID.class), row.getObject(6, UUID.class)))
                .optional();
    }

    /** A job as the feed names it and whose it is; all null for a job the read model does not hold. */
    private record JobRow(String name, UUID assignee, UUID team) {
    }

    private JobRow jobRow(UUID jobId) {
        return jdbc.sql("select title, client_name, assignee_id, assignee_team_id from jobs where id = :id")
                .param("id", jobId)
                .query((row, number) -> new JobRow(jobName(row.getString(1), row.getString(2)),
                        row.getObject(3, UUID.class), row.getObject(4, UUID.class)))
                .optional().orElse(new JobRow(null, null, null));
    }

    /**
     * Queues the row; the rows of a transaction are inserted together just before it commits (nothing reads
     * activity_log while projecting), as one JDBC batch.
     */
    private void insert(CloudEvent envelope, FieldOpsEvent event, Entry entry) {
        TransactionBuffer.of(this, ArrayList<SqlParameterSource>::new, this::insertAll).add(new MapSqlParameterSource()
                .addValue("id", UUID.fromString(envelope.id()))
                .addValue("org", event.orgId())
                .addValue("user", envelope.actorid() == null ? null : UUID.fromString(envelope.actorid()))
                .addValue("userName", envelope.actorname())
                .addValue("action", entry.action())
                .addValue("resourceType", entry.resourceType())
                .addValue("resourceId", entry.resourceId())
                .addValue("resourceName", entry.resourceName())
                .addValue("details", toJson(entry.details()))
                .addValue("subject", entry.subjectUserId())
                .addValue("team", entry.teamId())
                .addValue("at", envelope.time().atOffset(ZoneOffset.UTC)));
    }

    private void insertAll(List<SqlParameterSource> rows) {
        batch.batchUpdate("""
                insert into activity_log (id, org_id, user_id, user_name, action, resource_type, resource_id,
                                          resource_name, details, subject_user_id, team_id, created_at)
                values (:id, :org, :user, :userName, :action, :resourceType, :resourceId, :resourceName,
                        cast(:details as jsonb), :subject, :team, :at)
                on conflict (id) do nothing""", rows.toArray(SqlParameterSource[]::new));
    }

    private static String toJson(Object details) {
        return CloudEventCodec.dataOf(details).toString();
    }
}
