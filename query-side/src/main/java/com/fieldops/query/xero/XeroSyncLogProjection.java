package com.fieldops.query.xero;

import com.fieldops.events.CloudEvent;
import com.fieldops.events.CloudEventCodec;
import com.fieldops.events.FieldOpsEvent;
import com.fieldops.events.MalformedEventException;
import com.fieldops.events.xero.XeroSyncCompleted;
import com.fieldops.events.xero.XeroSyncCounts;
import com.fieldops.events.xero.XeroSyncError;
import com.fieldops.events.xero.XeroSyncFailed;
import com.fieldops.events.xero.XeroSyncProgressed;
import com.fieldops.events.xero.XeroSyncRequested;
import com.fieldops.events.xero.XeroSyncStarted;
import com.fieldops.query.projection.Projection;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * xero_sync_log: one row per sync, idempotent by the XeroSync aggregate's sequence number (a change applies only
 * to a row of a lower version, so a redelivered event, per-record errors included, is applied once).
 */
@Component
@Order(0)
public class XeroSyncLogProjection implements Projection {

    private final JdbcClient jdbc;

    public XeroSyncLogProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "xero_sync_log";
    }

    @Override
    public boolean apply(CloudEvent envelope, FieldOpsEvent event) {
        if (event instanceof XeroSyncRequested requested) {
            jdbc.sql("""
                            insert into xero_sync_log (sync_id, org_id, sync_type, trigger, mode, status, progress,
                                                       requested_at, version)
                            values (:sync, :org, :type, :trigger, :mode, 'pending', 0, :at, :version)
                            on conflict (sync_id) do nothing""")
                    .param("sync", requested.syncId())
                    .param("org", requested.orgId())
                    .param("type", requested.type())
                    .param("trigger", requested.trigger())
                    .param("mode", requested.mode())
                    .param("at", at(envelope))
                    .param("version", sequence(envelope))
                    .update();
            return true;
        }
        if (event instanceof XeroSyncStarted started) {
            change(envelope, started.syncId(), jdbc.sql("""
                            update xero_sync_log set status = 'running', started_at = :at, total = :total, progress = 0,
                                                     version = :version
                            where sync_id = :sync and version < :version""")
                    .param("total", started.total()));
            return true;
        }
        if (event instanceof XeroSyncProgressed progressed) {
            change(envelope, progressed.syncId(), counted(jdbc.sql("""
                            update xero_sync_log set total = :total, progress = :progress,
                                                     records_processed = :processed, records_created = :created,
                                                     records_updated = :updated, records_failed = :failed,
                                                     errors = errors || cast(:errors as jsonb), version = :version
                            where sync_id = :sync and version < :version""")
                    .param("total", progressed.total())
                    .param("progress", progress(progressed.counts(), progressed.total())),
                    progressed.counts(), progressed.errors()));
            return true;
        }
        if (event instanceof XeroSyncCompleted completed) {
            change(envelope, completed.syncId(), counted(jdbc.sql("""
                            update xero_sync_log set status = :status, progress = 100, completed_at = :at,
                                                     records_processed = :processed, records_created = :created,
                                                     records_updated = :updated, records_failed = :failed,
                                                     errors = errors || cast(:errors as jsonb), version = :version
                            where sync_id = :sync and version < :version""")
                    .param("status", completed.status()), completed.counts(), completed.errors()));
            return true;
        }
        if (event instanceof XeroSyncFailed failed) {
            change(envelope, failed.syncId(), counted(jdbc.sql("""
                            update xero_sync_log set status = 'error', error = :error, completed_at = :at,
                                                     records_processed = :processed, records_created = :created,
                                                     records_updated = :updated, records_failed = :failed,
                                                     errors = errors || cast(:errors as jsonb), version = :version
                            where sync_id = :sync and version < :version""")
                    .param("error", failed.error()), failed.counts(), failed.errors()));
            return true;
        }
        return false;
    }

    /** Percent of the expected records processed; 100 only once completed, unknown without a total. */
    static Integer progress(XeroSyncCounts counts, Integer total) {
        if (total == null) return null;
        if (total == 0) return 99;
        return (int) Math.min(99, counts.processed() * 100L / total);
    }

    private static JdbcClient.StatementSpec counted(JdbcClient.StatementSpec update, XeroSyncCounts counts,
                                                    List<XeroSyncError> errors) {
        return update.param("processed", counts.processed())
                .param("created", counts.created())
                .param("updated", counts.updated())
                .param("failed", counts.failed())
                .param("errors", CloudEventCodec.dataOf(errors).toString());
    }

    private void change(CloudEvent envelope, UUID syncId, JdbcClient.StatementSpec update) {
        int rows = update.param("sync", syncId).param("at", at(envelope)).param("version", sequence(envelope))
                .update();
        if (rows == 0 && !jdbc.sql("select exists (select 1 from xero_sync_log where sync_id = :sync)")
                .param("sync", syncId).query(Boolean.class).single()) {
            throw new MalformedEventException("sync " + syncId + " has no log row (its requested event was never "
                    + "applied), so " + envelope.id() + " cannot be applied");
        }
    }

    private static long sequence(CloudEvent envelope) {
        if (envelope.sequence() == null) {
            throw new MalformedEventException(envelope.type() + " " + envelope.id() + " has no sequence");
        }
        return envelope.sequence();
    }

    private static OffsetDateTime at(CloudEvent envelope) {
        return envelope.time().atOffset(ZoneOffset.UTC);
    }
}
