package com.fieldops.query.job;

import com.fieldops.events.CloudEvent;
import com.fieldops.events.FieldOpsEvent;
import com.fieldops.events.MalformedEventException;
import com.fieldops.events.job.JobAssigned;
import com.fieldops.events.job.JobCreated;
import com.fieldops.events.job.JobStatusChanged;
import com.fieldops.query.projection.RebuildableProjection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Jobs as internal services report them; idempotent by the Job aggregate's sequence number. */
@Component
@Order(0)
public class JobProjection implements RebuildableProjection {

    private final JdbcClient jdbc;

    public JobProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "jobs";
    }

    @Override
    public void forget(UUID orgId) {
        jdbc.sql("delete from jobs where org_id = :org").param("org", orgId).update();
    }

    @Override
    public boolean apply(CloudEvent envelope, FieldOpsEvent event) {
        if (event instanceof JobCreated created) {
            jdbc.sql("""
                            insert into jobs (id, org_id, title, client_name, assignee_id, assignee_name,
                                              assignee_team_id, scheduled_for, status, version)
                            values (:id, :org, :title, :client, :assignee, :assigneeName, :team, :scheduledFor,
                                    'scheduled', :version)
                            on conflict (id) do nothing""")
                    .param("id", created.jobId()).param("org", created.orgId()).param("title", created.title())
                    .param("client", created.clientName()).param("assignee", created.assigneeId())
                    .param("assigneeName", created.assigneeName()).param("team", created.assigneeTeamId())
                    .param("scheduledFor", utc(created.scheduledFor())).param("version", sequence(envelope))
                    .update();
        } else if (event instanceof JobAssigned assigned) {
            change(assigned.jobId(), envelope, """
                    update jobs set assignee_id = :assignee, assignee_name = :assigneeName,
                                    assignee_team_id = :team, version = :version
                    where id = :id and version < :version""", params(
                    "assignee", assigned.assigneeId(), "assigneeName", assigned.assigneeName(),
                    "team", assigned.assigneeTeamId()));
        } else if (event instanceof JobStatusChanged changed) {
            change(changed.jobId(), envelope, """
                    update jobs set status = :status, status_changed_at = :changedAt, version = :version
                    where id = :id and version < :version""", params(
                    "status", changed.status(), "changedAt", utc(changed.changedAt())));
        } else {
            return false;
        }
        return true;
    }

    private static Map<String, Object> params(Object... pairs) {
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) params.put((String) pairs[i], pairs[i + 1]);
        return params;
    }

    private void change(UUID id, CloudEvent envelope, String sql, Map<String, Object> params) {
        int rows = jdbc.sql(sql).params(params).param("id", id).param("version", sequence(envelope)).update();
        if (rows == 0 && !jdbc.sql("select exists (select 1 from jobs where id = :id)").param("id", id)
                .query(Boolean.class).single()) {
            throw new MalformedEventException("job " + id + " is not in the read model (its created event was never "
                    + "applied), so " + envelope.type() + " " + envelope.id() + " cannot be applied");
        }
    }

    private static long sequence(CloudEvent envelope) {
        if (envelope.sequence() == null) {
            throw new MalformedEventException(envelope.type() + " " + envelope.id() + " has no sequence");
        }
        return envelope.sequence();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
