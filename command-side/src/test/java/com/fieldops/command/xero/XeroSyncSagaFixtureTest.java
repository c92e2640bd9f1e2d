package com.fieldops.command.xero;

import static org.assertj.core.api.Assertions.assertThat;

import com.fieldops.events.xero.XeroSyncCompleted;
import com.fieldops.events.xero.XeroSyncCounts;
import com.fieldops.events.xero.XeroSyncFailed;
import com.fieldops.events.xero.XeroSyncRequested;
import com.fieldops.xero.sync.XeroSyncCommands.FailXeroSync;
import com.fieldops.xero.sync.XeroSyncType;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The saga's branches with Axon's SagaTestFixture: its steps are played by {@link ScriptedSteps}, which answers the
 * outcomes a test lines up and records the cursors it was asked to run (the steps against Xero are tested in the
 * application's XeroSyncSagaTest).
 */
class XeroSyncSagaFixtureTest {

    static final List<Duration> RETRY_DELAYS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5));

    final UUID syncId = UUID.randomUUID();
    final UUID orgId = UUID.randomUUID();
    final XeroSyncRequested requested = new XeroSyncRequested(syncId, orgId, "all", "api", "full");
    final XeroSyncCursor first = XeroSyncCursor.first(XeroSyncType.ALL);
    final ScriptedSteps steps = new ScriptedSteps();
    SagaTestFixture<XeroSyncSaga> fixture;

    /** Answers the lined-up outcomes in order; retries as {@link #RETRY_DELAYS} says. */
    static final class ScriptedSteps implements XeroSyncSteps {
        final Deque<XeroSyncStepOutcome> outcomes = new ArrayDeque<>();
        final List<XeroSyncCursor> ran = new ArrayList<>();

        @Override
        public XeroSyncStepOutcome run(XeroSyncJob job, XeroSyncCursor cursor) {
            ran.add(cursor);
            return outcomes.removeFirst();
        }

        @Override
        public Optional<Duration> retryDelay(int attempt) {
            return attempt < RETRY_DELAYS.size() ? Optional.of(RETRY_DELAYS.get(attempt)) : Optional.empty();
        }
    }

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(XeroSyncSaga.class);
        fixture.registerResource(steps);
        fixture.registerCommandGateway(CommandGateway.class);
    }

    private XeroSyncCompleted completed() {
        return new XeroSyncCompleted(syncId, orgId, "all", "api", "success", new XeroSyncCounts(3, 3, 0, 0),
                List.of());
    }

    @Test
    void aRequestedSyncStartsASagaWhoseFirstStepIsDueAtOnce() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(requested)
                .expectActiveSagas(1)
                .expectAssociationWith("syncId", syncId)
                .expectScheduledDeadline(Duration.ZERO, first)
                .expectNoDispatchedCommands();
    }

    @Test
    void eachStepSchedulesTheNextFromTheCursorItReturns() {
        XeroSyncCursor second = first.asStarted().nextStage(XeroSyncStage.INVOICES, new XeroSyncCounts(2, 2, 0, 0));
        XeroSyncCursor third = second.nextPage(new XeroSyncCounts(102, 102, 0, 0));
        steps.outcomes.add(XeroSyncStepOutcome.continueWith(second));
        steps.outcomes.add(XeroSyncStepOutcome.continueWith(third));
        steps.outcomes.add(XeroSyncStepOutcome.ended());

        fixture.givenAPublished(requested)
                .whenTimeElapses(Duration.ofSeconds(1))
                .expectTriggeredDeadlines(first, second, third)
                .expectNoScheduledDeadlines()
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
        assertThat(steps.ran).containsExactly(first, second, third);
    }

    @Test
    void aStepXeroDidNotAnswerIsTriedAgainAfterTheFirstDelay() {
        steps.outcomes.add(XeroSyncStepOutcome.unavailable("Xero answered 503 three times"));

        fixture.givenAPublished(requested)
                .whenTimeElapses(Duration.ZERO)
                .expectScheduledDeadline(Duration.ofMinutes(1), first.retried())
                .expectNoDispatchedCommands();
    }

    @Test
    void aRetryThatSucceedsGoesOnWithTheSync() {
        XeroSyncCursor second = first.asStarted().nextStage(XeroSyncStage.INVOICES, new XeroSyncCounts(2, 2, 0, 0));
        steps.outcomes.add(XeroSyncStepOutcome.unavailable("Xero answered 503 three times"));
        steps.outcomes.add(XeroSyncStepOutcome.continueWith(second));
        steps.outcomes.add(XeroSyncStepOutcome.ended());

        fixture.givenAPublished(requested)
                .whenTimeElapses(Duration.ofMinutes(2))
                .expectTriggeredDeadlines(first, first.retried(), second)
                .expectNoDispatchedCommands();
    }

    @Test
    void whenTheRetriesAreUsedUpTheSyncFailsWithXerosLastError() {
        for (int i = 0; i <= RETRY_DELAYS.size(); i++) {
            steps.outcomes.add(XeroSyncStepOutcome.unavailable("Xero answered 500 three times"));
        }

        fixture.givenAPublished(requested)
                .whenTimeElapses(Duration.ofMinutes(10))
                .expectTriggeredDeadlines(first, first.retried(), first.retried().retried())
                .expectDispatchedCommands(new FailXeroSync(syncId, "Xero answered 500 three times",
                        XeroSyncCursor.NONE, List.of()))
                .expectNoScheduledDeadlines();
    }

    @Test
    void theSagaEndsWhenTheSyncIsCompleted() throws Exception {
        steps.outcomes.add(XeroSyncStepOutcome.ended());

        fixture.givenAPublished(requested)
                .andThenTimeElapses(Duration.ofSeconds(1))
                .whenPublishingA(completed())
                .expectActiveSagas(0);
    }

    @Test
    void aSyncFailedByAnyoneElseEndsTheSagaAndDropsItsPlannedRetry() throws Exception {
        steps.outcomes.add(XeroSyncStepOutcome.unavailable("Xero answered 503 three times"));

        fixture.givenAPublished(requested)
                .andThenTimeElapses(Duration.ofSeconds(1))
                .whenPublishingA(new XeroSyncFailed(syncId, orgId, "all", "api", "stopped by an admin",
                        XeroSyncCursor.NONE, List.of()))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }
}
