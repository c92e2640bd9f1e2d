package com.fieldops.command.xero;

import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How far each organisation's record types have been read ({@code xero_sync_watermark}): an incremental stage asks
 * Xero only for what changed since its last read, unless its last full pass is older than
 * {@link XeroSyncSagaSettings#fullPassEvery()} (not every Xero change moves UpdatedDateUTC, and only a full pass can
 * tell that an item is gone).
 */
@Component
class XeroSyncWatermarks {

    /** Read a little further back than the last read started: Xero's clock and ours differ; re-reads change nothing. */
    static final Duration CLOCK_MARGIN = Duration.ofMinutes(5);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration fullPassEvery;

    XeroSyncWatermarks(JdbcClient jdbc, Clock clock, XeroSyncSagaSettings settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.fullPassEvery = settings.fullPassEvery();
    }

    private record Watermark(Instant modifiedSince, Instant fullPassAt) {
    }

    /** The cursor with its stage's read planned (once per stage: later pages read as the first did). */
    XeroSyncCursor plan(UUID orgId, XeroSyncCursor cursor, boolean fullRequested) {
        if (cursor.planned()) return cursor;
        Instant now = clock.instant();
        Optional<Watermark> mark = jdbc.sql("""
                        select modified_since, full_pass_at from xero_sync_watermark where org_id = ? and record_type = ?""")
                .params(orgId, cursor.stage().recordType())
                .query((row, n) -> new Watermark(row.getObject(1, OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(row.getObject(2, OffsetDateTime.class)).map(OffsetDateTime::toInstant)
                                .orElse(null)))
                .optional();
        boolean full = fullRequested || mark.isEmpty() || mark.get().fullPassAt() == null
                || mark.get().fullPassAt().isBefore(now.minus(fullPassEvery));
        return cursor.plannedAs(full, full ? null : mark.get().modifiedSince().minus(CLOCK_MARGIN), now);
    }

    /** The stage of {@code cursor} was read to its end: the next incremental read starts where it started. */
    void read(UUID orgId, XeroSyncCursor cursor) {
        OffsetDateTime startedAt = cursor.stageStartedAt().atOffset(ZoneOffset.UTC);
        jdbc.sql("""
                        insert into xero_sync_watermark (org_id, record_type, modified_since, full_pass_at)
                        values (:org, :type, :startedAt, :fullPassAt)
                        on conflict (org_id, record_type) do update set modified_since = excluded.modified_since,
                            full_pass_at = coalesce(excluded.full_pass_at, xero_sync_watermark.full_pass_at)""")
                .param("org", orgId).param("type", cursor.stage().recordType()).param("startedAt", startedAt)
                .param("fullPassAt", cursor.full() ? startedAt : null, Types.TIMESTAMP_WITH_TIMEZONE)
                .update();
    }
}
