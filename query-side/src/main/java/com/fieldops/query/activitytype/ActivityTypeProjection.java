package com.fieldops.query.activitytype;

import com.fieldops.events.CloudEvent;
import com.fieldops.events.FieldOpsEvent;
import com.fieldops.events.MalformedEventException;
import com.fieldops.events.activitytype.ActivityTypeCreated;
import com.fieldops.events.activitytype.ActivityTypeDisabled;
import com.fieldops.events.activitytype.ActivityTypeEnabled;
import com.fieldops.events.activitytype.ActivityTypeUpdated;
import com.fieldops.events.activitytype.ActivityTypeXeroPushFailed;
import com.fieldops.events.activitytype.ActivityTypeXeroPushed;
import com.fieldops.query.projection.Projection;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The activity_types read model. Idempotent by the {@code version} column, the aggregate sequence number of the
 * last event applied: a create is ignored when the row exists, a change applies only to an older version. So a
 * redelivered or replayed event changes nothing. created_at/updated_at are the events' own times, not the time
 * they were projected, so a replay rebuilds identical rows.
 */
@Component
@Order(0)
public class ActivityTypeProjection implements Projection {

    public static final String NAME = "activity_types";

    private final JdbcClient jdbc;

    public ActivityTypeProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> scratchTables() {
        return List.of("activity_type_list_stamp");
    }

    /**
     * The rebuilt price lists may differ from what the caches of every query-side instance hold (repairing a model
     * is what a rebuild is for), so every organisation's stamp moves on: each instance reads its lists again.
     */
    @Override
    public void afterRebuild() {
        jdbc.sql("update activity_type_list_stamp set stamp = stamp + 1").update();
        jdbc.sql("""
                        insert into activity_type_list_stamp (org_id, stamp)
                        select distinct org_id, 1 from activity_types on conflict (org_id) do nothing""")
                .update();
    }

    @Override
    public boolean apply(CloudEvent envelope, FieldOpsEvent event) {
        if (event instanceof ActivityTypeCreated created) {
            create(created, envelope);
        } else if (event instanceof ActivityTypeUpdated updated) {
            update(updated, envelope);
        } else if (event instanceof ActivityTypeDisabled disabled) {
            setEnabled(disabled.activityTypeId(), false, envelope);
        } else if (event instanceof ActivityTypeEnabled enabled) {
            setEnabled(enabled.activityTypeId(), true, envelope);
        } else if (event instanceof ActivityTypeXeroPushFailed failed) {
            setXeroPushError(failed.activityTypeId(), failed.summary(), envelope);
        } else if (event instanceof ActivityTypeXeroPushed pushed) {
            setXeroPushError(pushed.activityTypeId(), null, envelope);
        } else {
            return false; // ActivityTypesImported and other aggregates' events: nothing to do here
        }
        bumpListStamp(event.orgId());
        return true;
    }

    /** Tells every query-side instance's list cache (ActivityTypeListCache) that this price list changed. */
    private void bumpListStamp(UUID orgId) {
        jdbc.sql("""
                        insert into activity_type_list_stamp (org_id, stamp) values (:org, 1)
                        on conflict (org_id) do update set stamp = activity_type_list_stamp.stamp + 1""")
                .param("org", orgId).update();
    }

    private void create(ActivityTypeCreated created, CloudEvent envelope) {
        jdbc.sql("""
                        insert into activity_types (id, org_id, name, hourly_rate, description, xero_code, xero_managed,
                                                    enabled, created_at, updated_at, version)
                        values (:id, :org, :name, :rate, :description, :xeroCode, :xeroManaged,
                                :enabled, :at, :at, :version)
                        on conflict (id) do nothing""")
                .param("id", created.activityTypeId())
                .param("org", created.orgId())
                .param("name", created.name())
                .param("rate", created.hourlyRate())
                .param("description", created.description())
                .param("xeroCode", created.xeroCode())
                .param("xeroManaged", created.xeroManaged())
                .param("enabled", created.enabled())
                .param("at", timeOf(envelope))
                .param("version", sequenceOf(envelope))
                .update();
    }

    private void update(ActivityTypeUpdated updated, CloudEvent envelope) {
        // only the fields the event carries change; a Change whose new value is null clears the field
        Map<String, Object> columns = new LinkedHashMap<>();
        if (updated.name() != null) columns.put("name", updated.name().newValue());
        if (updated.hourlyRate() != null) columns.put("hourly_rate", updated.hourlyRate().newValue());
        if (updated.description() != null) columns.put("description", updated.description().newValue());
        if (updated.xeroCode() != null) columns.put("xero_code", updated.xeroCode().newValue());
        StringBuilder set = new StringBuilder("updated_at = :at, version = :version");
        columns.keySet().forEach(column -> set.append(", ").append(column).append(" = :").append(column));
        int rows = jdbc.sql("update activity_types set " + set + " where id = :id and version < :version")
                .params(columns)
                .param("at", timeOf(envelope))
                .param("version", sequenceOf(envelope))
                .param("id", updated.activityTypeId())
                .update();
        if (rows == 0) requireRow(updated.activityTypeId(), envelope);
    }

    private void setEnabled(UUID id, boolean enabled, CloudEvent envelope) {
        int rows = jdbc.sql("""
                        update activity_types set enabled = :enabled, updated_at = :at, version = :version
                        where id = :id and version < :version""")
                .param("enabled", enabled)
                .param("at", timeOf(envelope))
                .param("version", sequenceOf(envelope))
                .param("id", id)
                .update();
        if (rows == 0) requireRow(id, envelope);
    }

    /** A push's outcome is not a change of the type's fields: updated_at stays. */
    private void setXeroPushError(UUID id, String error, CloudEvent envelope) {
        int rows = jdbc.sql("""
                        update activity_types set xero_push_error = :error, version = :version
                        where id = :id and version < :version""")
                .param("error", error)
                .param("version", sequenceOf(envelope))
                .param("id", id)
                .update();
        if (rows == 0) requireRow(id, envelope);
    }

    /**
     * No row was changed: fine when the row already has this version (a redelivery), but a change to a type the read
     * model never saw created would be lost silently, so it goes to the dead-letter topic instead. Retrying cannot
     * help: Kafka keys by aggregate id, so the created event was on the same partition, before this one.
     */
    private void requireRow(UUID id, CloudEvent envelope) {
        boolean exists = jdbc.sql("select exists (select 1 from activity_types where id = :id)")
                .param("id", id).query(Boolean.class).single();
        if (!exists) {
            throw new MalformedEventException("activity type " + id + " is not in the read model (its created event"
                    + " was never applied), so " + envelope.type() + " " + envelope.id() + " cannot be applied");
        }
    }

    private static long sequenceOf(CloudEvent envelope) {
        if (envelope.sequence() == null) {
            throw new MalformedEventException(envelope.type() + " " + envelope.id()
                    + " has no sequence (the aggregate sequence number the projection is idempotent by)");
        }
        return envelope.sequence();
    }

    private static OffsetDateTime timeOf(CloudEvent envelope) {
        return envelope.time().atOffset(ZoneOffset.UTC);
    }
}
