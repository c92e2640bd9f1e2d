package com.fieldops.query.rebuild;

import java.time.Instant;
import java.util.List;

/**
 * Where the last (or the running) rebuild stands, as the operator endpoint shows it.
 *
 * @param position the global index of the last event applied to the new model
 * @param skipped  events no projection could apply (the consumer dead-letters such records too)
 */
public record RebuildState(String projection, List<String> tables, Phase phase, long events, long skipped,
                           long position, Instant startedAt, Instant finishedAt, String error) {

    public enum Phase { REPLAYING, INDEXING, SWAPPING, DONE, FAILED }

    static RebuildState started(String projection, List<String> tables, Instant at) {
        return new RebuildState(projection, tables, Phase.REPLAYING, 0, 0, -1, at, null, null);
    }

    RebuildState progressed(long events, long skipped, long position) {
        return new RebuildState(projection, tables, phase, events, skipped, position, startedAt, finishedAt, error);
    }

    RebuildState in(Phase next) {
        return new RebuildState(projection, tables, next, events, skipped, position, startedAt, finishedAt, error);
    }

    RebuildState finished(Phase last, Instant at, String reason) {
        return new RebuildState(projection, tables, last, events, skipped, position, startedAt, at, reason);
    }

    public boolean running() {
        return phase == Phase.REPLAYING || phase == Phase.INDEXING || phase == Phase.SWAPPING;
    }
}
