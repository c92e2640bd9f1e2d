package com.fieldops.query.rebuild;

import com.fieldops.events.CloudEvent;
import com.fieldops.events.FieldOpsEvent;
import com.fieldops.events.MalformedEventException;
import com.fieldops.events.store.AxonEventFormat.StoredEvent;
import com.fieldops.query.history.EventStorePages;
import com.fieldops.query.projection.Projection;
import com.fieldops.query.projection.ProjectionConsumer;
import com.fieldops.query.projection.RebuildBarrier;
import com.fieldops.query.projection.SideEffect;
import com.fieldops.query.projection.TransactionBuffer;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds read models again from the whole event store without downtime, for operators (see ProjectionsEndpoint):
 * <ol>
 *   <li>empty copies of the tables are made in a shadow schema ({@link ShadowSchema});</li>
 *   <li>the store is replayed into them in global order, a page per transaction, through the very projections the
 *       Kafka consumer runs, with the shadow schema first on the search_path; meanwhile the consumer keeps the live
 *       tables current and readers read them;</li>
 *   <li>under the {@link RebuildBarrier} (the consumer waits) the events stored since are applied, and the rebuilt
 *       tables replace the live ones in the same transaction: readers switch from the old model to the new one
 *       atomically at its commit.</li>
 * </ol>
 * Every replayable projection is replayed, whichever is rebuilt, and only the chosen one's tables are swapped in: the
 * projections read each other's rows (the activity log names types, timesheets and jobs as they were at the event;
 * the dashboard counters move from a timesheet's or job's previous state), so one can only be rebuilt faithfully
 * beside the others at the same point of history. {@link SideEffect}s are never replayed.
 * <p>
 * Catching up twice is harmless (projections are idempotent): an event applied by the replay and again by the
 * consumer after the swap changes nothing. One rebuild at a time, across instances (the shadow schema is claimed).
 */
@Component
public class ProjectionRebuild {

    /** Rebuilds every replayable projection in one replay. */
    public static final String ALL = "all";

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);
    private static final String LOCK_TIMEOUT = "10s";
    private static final int SWAP_ATTEMPTS = 5;

    private final List<Projection> projections;
    private final EventStorePages pages;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ShadowSchema shadow;
    private final RebuildBarrier barrier;
    private final int pageSize;
    private final AtomicReference<RebuildState> state = new AtomicReference<>();
    private final ExecutorService background = daemonThread("projection-rebuild");
    /** Reads and decodes the next page while the rebuild thread applies the current one. */
    private final ExecutorService reader = daemonThread("projection-rebuild-reader");

    public ProjectionRebuild(List<Projection> projections, EventStorePages pages, JdbcClient jdbc,
                             PlatformTransactionManager transactionManager, ShadowSchema shadow, RebuildBarrier barrier,
                             @Value("${fieldops.rebuild.page-size:1000}") int pageSize) {
        this.projections = projections; // in the consumer's order (@Order), which the replay keeps
        this.pages = pages;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.shadow = shadow;
        this.barrier = barrier;
        this.pageSize = pageSize;
    }

    /** The projections a rebuild replays: all but side effects. */
    public List<Projection> replayable() {
        return projections.stream().filter(projection -> !(projection instanceof SideEffect)).toList();
    }

    /** The last or the running rebuild. */
    public Optional<RebuildState> state() {
        return Optional.ofNullable(state.get());
    }

    /** Rebuilds and waits for the swap. */
    public RebuildState rebuild(String name) {
        Run run = start(name);
        run.replay();
        return run.finish();
    }

    /** Starts a rebuild on a background thread; its progress is {@link #state()}. */
    public RebuildState rebuildInBackground(String name) {
        Run run = start(name);
        background.execute(() -> {
            try {
                run.replay();
                run.finish();
            } catch (RuntimeException failure) {
                log.error("rebuild of {} failed", name, failure); // the state says so too
            }
        });
        return state.get();
    }

    /**
     * Claims the rebuild for {@code name} (a projection or {@link #ALL}) and creates the shadow tables. Its steps are
     * separate so that tests can act between them.
     *
     * @throws UnknownProjectionException when no replayable projection has that name
     * @throws IllegalStateException      when a rebuild is running
     */
    public Run start(String name) {
        List<Projection> targets = ALL.equals(name) ? replayable()
                : replayable().stream().filter(projection -> projection.name().equals(name)).toList();
        if (targets.isEmpty()) {
            throw new UnknownProjectionException(name, replayable().stream().map(Projection::name).toList());
        }
        List<String> tables = targets.stream().flatMap(projection -> projection.tables().stream()).toList();
        RebuildState current = state.get();
        if (current != null && current.running()
                || !state.compareAndSet(current, RebuildState.started(name, tables, Instant.now()))) {
            throw new IllegalStateException("a rebuild of " + state.get().projection() + " is running");
        }
        ShadowSchema.Claim claim;
        try {
            claim = shadow.claim();
        } catch (RuntimeException busy) {
            state.set(current); // nothing of ours started: the other instance's shadow schema stays as it is
            throw busy;
        }
        Run run = new Run(targets, tables, claim);
        run.step(() -> transaction.executeWithoutResult(status -> shadow.create(run.shadowTables)));
        log.info("rebuilding {} ({}) from the event store", name, String.join(", ", tables));
        return run;
    }

    /** One rebuild, from its shadow tables to the swap. */
    public final class Run {

        private final List<Projection> targets;
        private final List<String> tables;
        private final ShadowSchema.Claim claim;
        private final List<Projection> replayed = replayable();
        private final Set<String> shadowTables = new LinkedHashSet<>();
        private long position = -1;
        private long events;
        private long skipped;

        private Run(List<Projection> targets, List<String> tables, ShadowSchema.Claim claim) {
            this.targets = targets;
            this.tables = tables;
            this.claim = claim;
            replayed.forEach(projection -> {
                shadowTables.addAll(projection.tables());
                shadowTables.addAll(projection.scratchTables());
            });
        }

        /**
         * Applies the stored events to the shadow tables, a page per transaction, up to the horizon below which no
         * event can still appear (an earlier position still being written would otherwise be skipped for good),
         * then creates the secondary indexes. Readers and the consumer are not held up.
         */
        public void replay() {
            step(() -> {
                catchUp(false);
                state.updateAndGet(current -> current.in(RebuildState.Phase.INDEXING));
                shadow.index(shadowTables);
            });
        }

        /**
         * Catches up once more without holding anyone up, then, with the consumer held at the barrier, applies what
         * is left up to the store's head and swaps the tables in, all in one transaction.
         */
        public RebuildState finish() {
            step(() -> {
                catchUp(false);
                state.updateAndGet(current -> current.in(RebuildState.Phase.SWAPPING));
                swap();
                shadow.drop();
                claim.close();
            });
            RebuildState done = state.updateAndGet(current ->
                    current.finished(RebuildState.Phase.DONE, Instant.now(), null));
            log.info("rebuilt {} from {} events ({} skipped) in {} ms", done.projection(), done.events(),
                    done.skipped(), done.finishedAt().toEpochMilli() - done.startedAt().toEpochMilli());
            return done;
        }

        /**
         * The last catch-up and the swap, in one transaction. The swap's drop waits for readers of the old tables,
         * and while it waits, new readers queue behind it and the consumer waits at the barrier: so it waits
         * {@value #LOCK_TIMEOUT} at most, and the transaction is tried again from where it started (a long report
         * query, not the rebuild, should give way only so often).
         */
        private void swap() {
            long resumeAt = position;
            long eventsBefore = events;
            long skippedBefore = skipped;
            for (int attempt = 1; ; attempt++) {
                try {
                    transaction.executeWithoutResult(status -> {
                        jdbc.sql("select set_config('lock_timeout', :timeout, true)").param("timeout", LOCK_TIMEOUT)
                                .query(String.class).single();
                        barrier.close();
                        // everything committed by now is readable: no horizon, an event still being written is
                        // not visible to the consumer either and reaches it only after the swap
                        catchUp(true);
                        shadow.swap(tables);
                        targets.forEach(Projection::afterRebuild);
                    });
                    return;
                } catch (PessimisticLockingFailureException waitedTooLong) {
                    position = resumeAt; // the rolled-back catch-up is to be applied again
                    events = eventsBefore;
                    skipped = skippedBefore;
                    if (attempt == SWAP_ATTEMPTS) throw waitedTooLong;
                    log.warn("swap of {} attempt {} gave way: {}", tables, attempt, waitedTooLong.getMessage());
                }
            }
        }

        /**
         * Pages of events after {@link #position} up to the horizon taken when it starts (what is stored meanwhile
         * is the next catch-up's); each page in a transaction of its own, the next one read and decoded meanwhile
         * (the replay waits on the database, not on the CPU). {@code inCaller}: all pages in the caller's
         * transaction, read one after the other.
         */
        private void catchUp(boolean inCaller) {
            long upTo = inCaller ? Long.MAX_VALUE : pages.horizon();
            EventStorePages.Filter filter = new EventStorePages.Filter(null, null, null, null, null, upTo);
            while (inCaller) {
                List<Decoded> page = read(filter, position);
                apply(page);
                if (page.size() < pageSize) return;
            }
            CompletableFuture<List<Decoded>> next = readAhead(filter, position);
            while (true) {
                List<Decoded> page = joined(next);
                if (page.size() == pageSize) next = readAhead(filter, page.get(pageSize - 1).stored().globalIndex());
                transaction.executeWithoutResult(status -> {
                    // a lost page after a crash costs nothing: the rebuild starts again from scratch
                    jdbc.sql("select set_config('synchronous_commit', 'off', true)").query(String.class).single();
                    apply(page);
                });
                if (page.size() < pageSize) return;
            }
        }

        private CompletableFuture<List<Decoded>> readAhead(EventStorePages.Filter filter, long after) {
            return CompletableFuture.supplyAsync(() -> read(filter, after), reader);
        }

        private List<Decoded> read(EventStorePages.Filter filter, long after) {
            return pages.page(filter, after, pageSize).stream()
                    .map(stored -> Decoded.of(stored, pages.cloudEvent(stored))).toList();
        }

        private void apply(List<Decoded> page) {
            if (page.isEmpty()) return;
            applyToShadow(page);
            position = page.get(page.size() - 1).stored().globalIndex();
            state.updateAndGet(current -> current.progressed(events, skipped, position));
        }

        private void applyToShadow(List<Decoded> page) {
            jdbc.sql("select set_config('search_path', :path, true)")
                    .param("path", ShadowSchema.NAME + ", public").query(String.class).single();
            for (Decoded decoded : page) {
                if (decoded.unusable() != null) {
                    // the consumer dead-letters such a record and goes on; so does the rebuild
                    skipped++;
                    log.warn("rebuild skips event {} at position {}: {}", decoded.stored().eventIdentifier(),
                            decoded.stored().globalIndex(), decoded.unusable());
                } else if (decoded.event() != null) {
                    replayed.forEach(projection -> projection.apply(decoded.envelope(), decoded.event()));
                    events++;
                }
            }
            // the projections' buffered writes (activity_log rows, counters) must reach the shadow tables too
            TransactionBuffer.flushNow();
            jdbc.sql("select set_config('search_path', 'public', true)").query(String.class).single();
        }

        /** Runs a step; a failure leaves the live tables as they were and ends the rebuild. */
        private void step(Runnable step) {
            try {
                step.run();
            } catch (RuntimeException failure) {
                state.updateAndGet(current -> current.finished(RebuildState.Phase.FAILED, Instant.now(),
                        String.valueOf(failure.getMessage())));
                try {
                    shadow.drop();
                } catch (RuntimeException cleanup) {
                    failure.addSuppressed(cleanup);
                } finally {
                    claim.close();
                }
                throw failure;
            }
        }
    }

    /**
     * A stored event as the projections take it: no event (and no reason) for what is not a FieldOps event, such as
     * Axon's own; a reason when it cannot be decoded.
     */
    private record Decoded(StoredEvent stored, CloudEvent envelope, FieldOpsEvent event, String unusable) {

        static Decoded of(StoredEvent stored, Optional<CloudEvent> envelope) {
            if (envelope.isEmpty()) return new Decoded(stored, null, null, null);
            try {
                return new Decoded(stored, envelope.get(), ProjectionConsumer.decode(envelope.get()), null);
            } catch (MalformedEventException unusable) {
                return new Decoded(stored, envelope.get(), null, unusable.getMessage());
            }
        }
    }

    /** What the reader thread threw, rethrown on the rebuild thread as it was. */
    private static <T> T joined(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) throw cause;
            if (failed.getCause() instanceof Error cause) throw cause;
            throw failed;
        }
    }

    private static ExecutorService daemonThread(String name) {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** No replayable projection has the name asked for. */
    public static class UnknownProjectionException extends RuntimeException {
        UnknownProjectionException(String name, List<String> known) {
            super("no replayable projection is named " + name + "; known: " + String.join(", ", known) + " and "
                    + ALL);
        }
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
        reader.shutdownNow();
    }
}
