package com.fieldops.command.xero;

import com.fieldops.events.xero.XeroSyncCounts;
import com.fieldops.xero.sync.XeroSyncType;
import java.time.Instant;
import java.util.List;

/**
 * Where a sync is: kept in the saga and carried by its step deadline, so a step runs from here after a restart.
 *
 * @param stage          the stage the next step reads; null when there is nothing (more) to read
 * @param page           the stage's next page (1..)
 * @param attempt        how often Xero did not answer this step (its retries so far)
 * @param started        whether the sync was started (StartXeroSync sent)
 * @param counts         the counts of the steps done
 * @param full           the stage reads every record (else only those changed since {@code modifiedSince})
 * @param modifiedSince  the stage's If-Modified-Since; null on a full pass
 * @param stageStartedAt when the stage's first read was planned (null until then): its watermark once it is read
 */
public record XeroSyncCursor(XeroSyncStage stage, int page, int attempt, boolean started, XeroSyncCounts counts,
                             boolean full, Instant modifiedSince, Instant stageStartedAt) {

    static final XeroSyncCounts NONE = new XeroSyncCounts(0, 0, 0, 0);

    static XeroSyncCursor first(XeroSyncType type) {
        List<XeroSyncStage> stages = XeroSyncStage.of(type);
        return new XeroSyncCursor(stages.isEmpty() ? null : stages.get(0), 1, 0, false, NONE, false, null, null);
    }

    boolean planned() {
        return stageStartedAt != null;
    }

    XeroSyncCursor plannedAs(boolean fullPass, Instant since, Instant startedAt) {
        return new XeroSyncCursor(stage, page, attempt, started, counts, fullPass, since, startedAt);
    }

    XeroSyncCursor asStarted() {
        return new XeroSyncCursor(stage, page, attempt, true, counts, full, modifiedSince, stageStartedAt);
    }

    XeroSyncCursor nextPage(XeroSyncCounts done) {
        return new XeroSyncCursor(stage, page + 1, 0, started, done, full, modifiedSince, stageStartedAt);
    }

    /** The first page of {@code next} (null: the sync has read everything), planned afresh. */
    XeroSyncCursor nextStage(XeroSyncStage next, XeroSyncCounts done) {
        return new XeroSyncCursor(next, 1, 0, started, done, false, null, null);
    }

    XeroSyncCursor retried() {
        return new XeroSyncCursor(stage, page, attempt + 1, started, counts, full, modifiedSince, stageStartedAt);
    }
}
