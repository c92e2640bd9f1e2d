package com.fieldops.command.xero;

import com.fieldops.events.xero.XeroSyncRequested;
import com.fieldops.xero.sync.XeroSyncCommands.FailXeroSync;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * The sync saga: every requested Xero sync is run by {@link XeroSyncRunner}. A command-side event handler in a
 * tracking processor of its own ({@value #PROCESSING_GROUP}, starting at the head of the store, see
 * {@link XeroSyncConfiguration}) rather than an Axon {@code @Saga}: a sync is one linear run with no further events
 * to wait for, so a saga store would add nothing but tables. It never reacts to a replay ({@link DisallowReplay}): a
 * reset processor must not call Xero again for old syncs.
 *
 * <p>The run happens on {@value #WORKERS} worker threads of its own, not on the processor's thread: a sync of
 * thousands of invoices takes minutes, which would hold the processor's token claim and one unit of work (whose
 * transaction the commands would join) for all that time. The price: once handed over, a sync is no longer in the
 * event stream's hands, so a sync left pending or running by a stopped process is failed when the next one starts
 * ({@link #failInterruptedSyncs}); it is asked for again by hand or by the next schedule.
 */
@Component
@ProcessingGroup(XeroSyncSaga.PROCESSING_GROUP)
@ConditionalOnProperty(name = "fieldops.xero.sync-saga.enabled", matchIfMissing = true)
public class XeroSyncSaga implements DisposableBean {

    public static final String PROCESSING_GROUP = "xero-sync-saga";
    static final int WORKERS = 2;
    static final String INTERRUPTED = "interrupted: FieldOps stopped during the sync; request it again";
    private static final Logger log = LoggerFactory.getLogger(XeroSyncSaga.class);

    private final XeroSyncRunner runner;
    private final CommandGateway commands;
    private final JdbcClient jdbc;
    private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS,
            new CustomizableThreadFactory("xero-sync-"));
    /** Syncs this process took on: the start-up recovery leaves them alone. */
    private final Set<UUID> takenOn = ConcurrentHashMap.newKeySet();
    /** Slots claimed before this instant belong to an earlier process (the database's clock, like claimed_at). */
    private final OffsetDateTime processStart;

    public XeroSyncSaga(XeroSyncRunner runner, CommandGateway commands, JdbcClient jdbc) {
        this.runner = runner;
        this.commands = commands;
        this.jdbc = jdbc;
        this.processStart = jdbc.sql("select now()").query(OffsetDateTime.class).single();
    }

    @EventHandler
    @DisallowReplay
    void on(XeroSyncRequested requested) {
        takenOn.add(requested.syncId());
        workers.execute(() -> {
            try {
                runner.run(requested);
            } finally {
                takenOn.remove(requested.syncId());
            }
        });
    }

    /**
     * A sync whose slot is held since before this process started, and that this process did not take on, was run
     * by a process that stopped: it is failed, so that its slot is free and the log does not show it running for
     * ever. Assumes one instance runs syncs (a second instance starting would fail the first one's syncs).
     */
    @EventListener(ApplicationReadyEvent.class)
    public void failInterruptedSyncs() {
        List<UUID> held = jdbc.sql("select sync_id from xero_sync_running where claimed_at < :start")
                .param("start", processStart).query(UUID.class).list();
        for (UUID syncId : held) {
            if (takenOn.contains(syncId)) continue;
            try {
                commands.sendAndWait(new FailXeroSync(syncId, INTERRUPTED, null, List.of()));
            } catch (RuntimeException notFailed) {
                log.warn("Interrupted Xero sync {} could not be failed: {}", syncId, notFailed.getMessage());
            }
        }
    }

    /** Stops the runs; those cut short are failed by the next start. */
    @Override
    public void destroy() {
        workers.shutdownNow();
    }
}
