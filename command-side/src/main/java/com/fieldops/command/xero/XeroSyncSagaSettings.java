package com.fieldops.command.xero;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The sync saga's settings ({@code fieldops.xero.sync-saga.*}, defaults in fieldops-command-side.yml).
 *
 * @param enabled       whether this process runs syncs (its processor starts); off only where tests drive syncs
 * @param retryDelays   the waits before the retries of a step Xero did not answer (each after the port's own 3 tries)
 * @param fullPassEvery an incremental sync reads every record when the last full pass is older than this
 */
@ConfigurationProperties("fieldops.xero.sync-saga")
public record XeroSyncSagaSettings(boolean enabled, List<Duration> retryDelays, Duration fullPassEvery) {
}
