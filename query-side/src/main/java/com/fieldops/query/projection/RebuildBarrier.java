package com.fieldops.query.projection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the Kafka consumer's transactions and the last step of a projection rebuild (catch up, then swap the tables)
 * apart: the consumer passes it in shared mode at the start of every transaction, so consumers never wait for each
 * other, and the rebuild closes it in exclusive mode, which waits for the running consumer transactions and holds off
 * new ones until the swap commits. A transaction-level PostgreSQL advisory lock, so it also works across query-side
 * instances and is released by commit or rollback.
 */
@Component
public class RebuildBarrier {

    private static final String KEY = "hashtextextended('fieldops:projection-rebuild', 0)";

    private final JdbcClient jdbc;

    public RebuildBarrier(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The consumer's side: waits only while a rebuild is swapping. */
    public void pass() {
        jdbc.sql("select pg_advisory_xact_lock_shared(" + KEY + ")").query((row, n) -> 1).single();
    }

    /** The rebuild's side, until its transaction ends. */
    public void close() {
        jdbc.sql("select pg_advisory_xact_lock(" + KEY + ")").query((row, n) -> 1).single();
    }
}
