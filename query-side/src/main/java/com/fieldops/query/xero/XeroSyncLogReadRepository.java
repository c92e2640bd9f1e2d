package com.fieldops.query.xero;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fieldops.events.xero.XeroSyncError;
import com.fieldops.platform.security.CurrentUser;
import com.fieldops.query.rls.RlsReads;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The caller's organisation's sync log, read through row-level security. */
@Component
public class XeroSyncLogReadRepository {

    private static final String COLUMNS = """
            sync_id, sync_type, trigger, status, progress, records_processed, records_created, records_updated,
            records_failed, errors::text, error, requested_at, started_at, completed_at""";
    private static final TypeReference<List<XeroSyncError>> ERRORS = new TypeReference<>() {
    };

    private final RlsReads reads;
    private final ObjectMapper mapper;

    public XeroSyncLogReadRepository(RlsReads reads, ObjectMapper mapper) {
        this.reads = reads;
        this.mapper = mapper;
    }

    public Optional<XeroSyncResource> find(CurrentUser caller, UUID syncId) {
        return reads.as(caller, jdbc -> jdbc.sql("select " + COLUMNS
                        + " from xero_sync_log where org_id = :org and sync_id = :sync")
                .param("org", caller.orgId()).param("sync", syncId)
                .query((row, number) -> resource(row)).optional());
    }

    /** The last finished sync and the most recent {@code limit} syncs, in one read. */
    public XeroSyncStatus status(CurrentUser caller, int limit, Instant nextScheduledSync) {
        return reads.as(caller, jdbc -> {
            Optional<XeroSyncStatus.LastSync> last = jdbc.sql("""
                            select sync_type, status, completed_at from xero_sync_log
                            where org_id = :org and completed_at is not null
                            order by completed_at desc, sync_id desc limit 1""")
                    .param("org", caller.orgId())
                    .query((row, number) -> new XeroSyncStatus.LastSync(row.getString(1), row.getString(2),
                            instant(row, 3)))
                    .optional();
            List<XeroSyncResource> recent = jdbc.sql("select " + COLUMNS + """
                             from xero_sync_log where org_id = :org
                            order by requested_at desc, sync_id desc limit :limit""")
                    .param("org", caller.orgId()).param("limit", limit)
                    .query((row, number) -> resource(row)).list();
            return new XeroSyncStatus(last.orElse(null), recent, nextScheduledSync);
        });
    }

    private XeroSyncResource resource(ResultSet row) throws SQLException {
        return new XeroSyncResource(row.getObject(1, UUID.class), row.getString(2), row.getString(3), row.getString(4),
                row.getObject(5, Integer.class), row.getInt(6), row.getInt(7), row.getInt(8), row.getInt(9),
                errors(row.getString(10)), row.getString(11), instant(row, 12), instant(row, 13), instant(row, 14));
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private List<XeroSyncError> errors(String json) {
        try {
            return mapper.readValue(json, ERRORS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("xero_sync_log.errors is not a list of errors", e);
        }
    }
}
