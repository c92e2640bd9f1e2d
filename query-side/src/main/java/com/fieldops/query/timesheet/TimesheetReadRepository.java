package com.fieldops.query.timesheet;

import com.fieldops.platform.api.TimesheetResource;
import com.fieldops.platform.security.AppRole;
import com.fieldops.platform.security.CurrentUser;
import com.fieldops.query.rls.RlsReads;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Timesheets in the caller's scope (DESIGN §8): a technician's own, a manager's team's (and own), the whole
 * organisation for admins and analysts. The same scope is enforced by row-level security.
 */
@Component
public class TimesheetReadRepository {

    private static final String COLUMNS = "id, user_id, user_name, team_id, job_id, activity_type_id, "
            + "activity_type_name, work_date, hours, hourly_rate, amount, status, notes, submitted_at, approved_by, "
            + "approved_at, rejected_reason, created_at, updated_at";
    private static final String SCOPE = """
            org_id = :org
            and (:everyone or user_id = :caller or (:manager and team_id = :team))""";

    private final RlsReads reads;

    public TimesheetReadRepository(RlsReads reads) {
        this.reads = reads;
    }

    /** Filters are optional; newest work date first, then newest created. */
    public record Filter(String status, UUID userId, LocalDate from, LocalDate to, int limit, int offset) {
    }

    public List<TimesheetResource> find(CurrentUser caller, Filter filter) {
        Map<String, Object> params = scope(caller);
        params.put("status", filter.status());
        params.put("user", filter.userId());
        params.put("from", filter.from());
        params.put("to", filter.to());
        params.put("limit", filter.limit());
        params.put("offset", filter.offset());
        return reads.list(caller, "select " + COLUMNS + " from timesheets where " + SCOPE + """
                         and (cast(:status as text) is null or status = :status)
                         and (cast(:user as uuid) is null or user_id = :user)
                         and (cast(:from as date) is null or work_date >= :from)
                         and (cast(:to as date) is null or work_date <= :to)
                        order by work_date desc, created_at desc, id
                        limit :limit offset :offset""", params, TimesheetReadRepository::map);
    }

    public Optional<TimesheetResource> findById(CurrentUser caller, UUID id) {
        Map<String, Object> params = scope(caller);
        params.put("id", id);
        return reads.optional(caller, "select " + COLUMNS + " from timesheets where id = :id and " + SCOPE, params,
                TimesheetReadRepository::map);
    }

    private static Map<String, Object> scope(CurrentUser caller) {
        Map<String, Object> scope = new HashMap<>();
        scope.put("org", caller.orgId());
        scope.put("everyone", caller.is(AppRole.ADMIN) || caller.is(AppRole.ANALYST));
        scope.put("caller", caller.userId());
        scope.put("manager", caller.is(AppRole.MANAGER) && caller.teamId() != null);
        scope.put("team", caller.teamId());
        return scope;
    }

    private static TimesheetResource map(ResultSet row, int number) throws SQLException {
        return new TimesheetResource(row.getObject("id", UUID.class), row.getObject("user_id", UUID.class),
                row.getString("user_name"), row.getObject("team_id", UUID.class), row.getObject("job_id", UUID.class),
                row.getObject("activity_type_id", UUID.class), row.getString("activity_type_name"),
                row.getObject("work_date", LocalDate.class), row.getBigDecimal("hours"),
                row.getBigDecimal("hourly_rate"), row.getBigDecimal("amount"), row.getString("status"),
                row.getString("notes"), instant(row, "submitted_at"), row.getObject("approved_by", UUID.class),
                instant(row, "approved_at"), row.getString("rejected_reason"), instant(row, "created_at"),
                instant(row, "updated_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
