package com.fieldops.query.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fieldops.platform.security.AppRole;
import com.fieldops.platform.security.CurrentUser;
import com.fieldops.query.rls.RlsReads;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The activity feed in the caller's scope, newest first with the id breaking ties, so pages are stable: by offset,
 * or by keyset after a cursor (no duplicates or gaps while new entries arrive).
 */
@Component
public class ActivityFeedReadRepository {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RlsReads reads;

    public ActivityFeedReadRepository(RlsReads reads) {
        this.reads = reads;
    }

    public record Filter(UUID userId, String resourceType, UUID resourceId, FeedCursor after, int limit, int offset) {
    }

    public List<ActivityLogEntry> find(CurrentUser caller, Filter filter) {
        Map<String, Object> params = new HashMap<>();
        params.put("org", caller.orgId());
        params.put("everyone", caller.is(AppRole.ADMIN) || caller.is(AppRole.ANALYST));
        params.put("caller", caller.userId());
        params.put("manager", caller.is(AppRole.MANAGER) && caller.teamId() != null);
        params.put("team", caller.teamId());
        params.put("user", filter.userId());
        params.put("type", filter.resourceType());
        params.put("resource", filter.resourceId());
        params.put("afterTime", filter.after() == null ? null : filter.after().createdAt().atOffset(ZoneOffset.UTC));
        params.put("afterId", filter.after() == null ? null : filter.after().id());
        params.put("limit", filter.limit());
        params.put("offset", filter.after() == null ? filter.offset() : 0);
        return reads.as(caller, jdbc -> jdbc.sql("""
                        select id, user_id, user_name, action, resource_type, resource_id, resource_name,
                               details::text as details, created_at
                        from activity_log
                        where org_id = :org
                          and (:everyone or user_id = :caller or subject_user_id = :caller
                               or (:manager and team_id = :team))
                          and (cast(:user as uuid) is null or user_id = :user)
                          and (cast(:type as text) is null or resource_type = :type)
                          and (cast(:resource as uuid) is null or resource_id = :resource)
                          and (cast(:afterTime as timestamptz) is null
                               or (created_at, id) < (cast(:afterTime as timestamptz), cast(:afterId as uuid)))
                        order by created_at desc, id desc
                        limit :limit offset :offset""")
                .params(params)
                .query(ActivityFeedReadRepository::map)
                .list());
    }

    private static ActivityLogEntry map(ResultSet row, int number) throws SQLException {
        try {
            String details = row.getString("details");
            return new ActivityLogEntry(row.getObject("id", UUID.class), row.getObject("user_id", UUID.class),
                    row.getString("user_name"), row.getString("action"), row.getString("resource_type"),
                    row.getObject("resource_id", UUID.class), row.getString("resource_name"),
                    details == null ? null : JSON.readTree(details),
                    row.getObject("created_at", OffsetDateTime.class).toInstant());
        } catch (JsonProcessingException e) {
            throw new SQLException("activity_log.details is not JSON", e);
        }
    }
}
