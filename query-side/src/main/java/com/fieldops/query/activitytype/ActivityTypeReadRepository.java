package com.fieldops.query.activitytype;

import com.fieldops.platform.api.ActivityTypeResource;
import com.fieldops.platform.security.AppRole;
import com.fieldops.platform.security.CurrentUser;
import com.fieldops.query.rls.RlsReads;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Repository;

/**
 * Reads of the activity_types read model, always as the caller (see {@link RlsReads}). The queries also filter by
 * organisation and enabled flag themselves: the policies are the safety net, the WHERE clauses the intent.
 */
@Repository
public class ActivityTypeReadRepository {

    private static final String COLUMNS =
            "id, name, hourly_rate, description, xero_code, xero_managed, enabled, created_at, updated_at, "
                    + "xero_push_error";

    private final RlsReads reads;

    public ActivityTypeReadRepository(RlsReads reads) {
        this.reads = reads;
    }

    /** The caller's organisation's types by name (case-insensitive); disabled ones only for an admin who asks. */
    public List<ActivityTypeResource> findAll(CurrentUser caller, boolean includeDisabled) {
        boolean withDisabled = includeDisabled && caller.is(AppRole.ADMIN);
        return reads.list(caller, "select " + COLUMNS + """
                         from activity_types
                        where org_id = :org and (enabled or :withDisabled)
                        order by lower(name), name, id""",
                Map.of("org", caller.orgId(), "withDisabled", withDisabled), ActivityTypeReadRepository::map);
    }

    /** The type, if it is the caller's organisation's and, unless the caller is an admin, enabled. */
    public Optional<ActivityTypeResource> findById(CurrentUser caller, UUID id) {
        boolean withDisabled = caller.is(AppRole.ADMIN);
        return reads.optional(caller, "select " + COLUMNS + """
                         from activity_types
                        where id = :id and org_id = :org and (enabled or :withDisabled)""",
                Map.of("id", id, "org", caller.orgId(), "withDisabled", withDisabled), ActivityTypeReadRepository::map);
    }

    private static ActivityTypeResource map(ResultSet row, int rowNumber) throws SQLException {
        return new ActivityTypeResource(
                row.getObject("id", UUID.class),
                row.getString("name"),
                // numeric(10,2) already has scale 2; kept explicit because the JSON must show two decimals
                row.getBigDecimal("hourly_rate").setScale(2, RoundingMode.UNNECESSARY),
                row.getString("description"),
                row.getString("xero_code"),
                row.getBoolean("xero_managed"),
                row.getBoolean("enabled"),
                instant(row, "created_at"),
                instant(row, "updated_at"),
                row.getString("xero_push_error"));
    }

    /** UTC, at most millisecond precision, as the CloudEvents carry it. */
    private static java.time.Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant().truncatedTo(ChronoUnit.MILLIS);
    }
}
