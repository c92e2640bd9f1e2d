package com.fieldops.command.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes: a command's response is sent only once the read model has applied the events the command
 * produced (the row's version reached the aggregate's), so a GET sent after the response sees the write.
 * Bounded by fieldops.read-your-writes.timeout; past it the response goes out and the read model catches up.
 */
@Component
public class ReadModelWait {

    /** The read models a command can wait on: table and key column, never taken from input. */
    public enum ReadModel {
        ACTIVITY_TYPES("activity_types", "id"),
        ORGANIZATION_SETTINGS("organization_settings", "org_id"),
        REVENUE_TARGETS("revenue_targets", "id"),
        TIMESHEETS("timesheets", "id"),
        XERO_SYNC_LOG("xero_sync_log", "sync_id");

        private final String table;
        private final String key;

        ReadModel(String table, String key) {
            this.table = table;
            this.key = key;
        }
    }

    /** Checks back off from 2 ms to 20 ms (100 ms for a large import, whose check joins every imported id): soon
     *  enough for a projection that takes tens of milliseconds, without a query every few milliseconds per request. */
    private static final long FIRST_POLL_MILLIS = 2;
    private static final long MAX_POLL_MILLIS = 20;
    private static final long BULK_POLL_MILLIS = 100;
    private static final int BULK = 100;

    private final JdbcClient jdbc;
    private final Duration timeout;
    private final Duration importTimeout;

    public ReadModelWait(JdbcClient jdbc,
                                      @Value("${fieldops.read-your-writes.timeout:5s}") Duration timeout,
                                      @Value("${fieldops.read-your-writes.import-timeout:60s}") Duration importTimeout) {
        this.jdbc = jdbc;
        this.timeout = timeout;
        this.importTimeout = importTimeout;
    }

    /** True when every type reached its version within the timeout of a single command. */
    public boolean awaitVersions(ReadModel model, Map<UUID, Long> versions) {
        return awaitVersions(model, versions, timeout);
    }

    public boolean awaitVersion(ReadModel model, UUID key, long version) {
        return awaitVersions(model, Map.of(key, version), timeout);
    }

    /** A bulk import may touch 10,000 types: it waits longer for them to be projected. */
    public boolean awaitImported(ReadModel model, Map<UUID, Long> versions) {
        return awaitVersions(model, versions, importTimeout);
    }

    private boolean awaitVersions(ReadModel model, Map<UUID, Long> versions, Duration timeout) {
        if (versions.isEmpty()) return true;
        UUID[] keys = versions.keySet().toArray(UUID[]::new);
        String[] ids = java.util.Arrays.stream(keys).map(UUID::toString).toArray(String[]::new);
        Long[] expected = java.util.Arrays.stream(keys).map(versions::get).toArray(Long[]::new);
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = ids.length > BULK ? BULK_POLL_MILLIS : FIRST_POLL_MILLIS;
        while (true) {
            long caughtUp = jdbc.sql("select count(*) from " + model.table + " model"
                            + " join unnest(?::uuid[], ?::bigint[]) as wanted(id, version) on model." + model.key
                            + " = wanted.id where model.version >= wanted.version")
                    .params(ids, expected).query(Long.class).single();
            if (caughtUp == ids.length) return true;
            if (System.nanoTime() > deadline) return false;
            try {
                Thread.sleep(pause);
                if (pause < MAX_POLL_MILLIS) pause = Math.min(pause * 2, MAX_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
