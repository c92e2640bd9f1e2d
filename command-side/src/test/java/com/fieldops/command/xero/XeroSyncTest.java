package com.fieldops.command.xero;

import static org.assertj.core.api.Assertions.assertThat;

import com.fieldops.events.xero.XeroSyncCompleted;
import com.fieldops.events.xero.XeroSyncCounts;
import com.fieldops.events.xero.XeroSyncError;
import com.fieldops.events.xero.XeroSyncFailed;
import com.fieldops.events.xero.XeroSyncProgressed;
import com.fieldops.events.xero.XeroSyncRequested;
import com.fieldops.events.xero.XeroSyncStarted;
import com.fieldops.platform.problem.RuleViolation;
import com.fieldops.xero.sync.XeroSyncCommands.CompleteXeroSync;
import com.fieldops.xero.sync.XeroSyncCommands.FailXeroSync;
import com.fieldops.xero.sync.XeroSyncCommands.RecordXeroSyncProgress;
import com.fieldops.xero.sync.XeroSyncCommands.RequestXeroSync;
import com.fieldops.xero.sync.XeroSyncCommands.StartXeroSync;
import com.fieldops.xero.sync.XeroSyncMode;
import com.fieldops.xero.sync.XeroSyncState;
import com.fieldops.xero.sync.XeroSyncTrigger;
import com.fieldops.xero.sync.XeroSyncType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sync life cycle: legal steps only, repeats change nothing, counts never go back, errors kept up to 100. */
class XeroSyncTest {

    private final UUID org = UUID.randomUUID();
    private final UUID sync = UUID.randomUUID();
    private final InMemorySlots slots = new InMemorySlots();
    private AggregateTestFixture<XeroSync> fixture;

    /** The slot table's behaviour without a database: one sync per organisation and type. */
    static final class InMemorySlots implements XeroSyncSlots {
        final Map<String, UUID> held = new HashMap<>();
        final List<UUID> released = new ArrayList<>();

        @Override
        public Optional<UUID> claim(UUID orgId, XeroSyncType type, UUID syncId) {
            UUID holder = held.putIfAbsent(orgId + "/" + type, syncId);
            return Optional.ofNullable(holder);
        }

        @Override
        public void release(UUID syncId) {
            released.add(syncId);
            held.values().remove(syncId);
        }
    }

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(XeroSync.class);
        fixture.registerInjectableResource(slots);
        fixture.registerAnnotatedCommandHandler(new XeroSyncCommandHandler(fixture.getRepository(), slots));
    }

    private XeroSyncRequested requested() {
        return new XeroSyncRequested(sync, org, "invoices", "api", "full");
    }

    private XeroSyncStarted started() {
        return new XeroSyncStarted(sync, org, "invoices", 10);
    }

    private static XeroSyncCounts counts(int processed, int created, int updated, int failed) {
        return new XeroSyncCounts(processed, created, updated, failed);
    }

    private static Matcher<Object> violation(RuleViolation.Kind kind) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof RuleViolation violation && violation.kind() == kind;
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("a " + kind + " rule violation");
            }
        };
    }

    @Test
    void aRequestMakesAPendingSync() {
        fixture.givenNoPriorActivity()
                .when(new RequestXeroSync(sync, org, XeroSyncType.INVOICES, XeroSyncTrigger.API, XeroSyncMode.FULL))
                .expectEvents(requested())
                .expectResultMessagePayload(new XeroSyncState(sync, XeroSyncType.INVOICES, "pending", 0));
    }

    @Test
    void aSecondRequestOfTheSameTypeGetsTheSyncThereIs() {
        slots.claim(org, XeroSyncType.INVOICES, sync);
        fixture.given(requested())
                .when(new RequestXeroSync(UUID.randomUUID(), org, XeroSyncType.INVOICES, XeroSyncTrigger.WEBHOOK,
                        XeroSyncMode.INCREMENTAL))
                .expectNoEvents()
                .expectResultMessagePayload(new XeroSyncState(sync, XeroSyncType.INVOICES, "pending", 0));
    }

    @Test
    void theLifeCycleRunsPendingRunningCompleted() {
        fixture.given(requested())
                .when(new StartXeroSync(sync, 10))
                .expectEvents(started())
                .expectResultMessagePayload(new XeroSyncState(sync, XeroSyncType.INVOICES, "running", 1));
        XeroSyncError archived = new XeroSyncError("INV-1", "Contact is archived");
        fixture.given(requested(), started())
                .when(new RecordXeroSyncProgress(sync, counts(5, 1, 3, 1), null, List.of(archived)))
                .expectEvents(new XeroSyncProgressed(sync, org, counts(5, 1, 3, 1), 10, List.of(archived)));
        fixture.given(requested(), started(),
                        new XeroSyncProgressed(sync, org, counts(5, 1, 3, 1), 10, List.of(archived)))
                .when(new CompleteXeroSync(sync, counts(10, 2, 7, 1), List.of(archived)))
                .expectEvents(new XeroSyncCompleted(sync, org, "invoices", "api", "partial", counts(10, 2, 7, 1),
                        List.of()))
                .expectResultMessagePayload(new XeroSyncState(sync, XeroSyncType.INVOICES, "partial", 3));
        assertThat(slots.released).containsExactly(sync);
        fixture.given(requested(), started())
                .when(new CompleteXeroSync(sync, counts(10, 2, 8, 0), List.of()))
                .expectEvents(new XeroSyncCompleted(sync, org, "invoices", "api", "success", counts(10, 2, 8, 0),
                        List.of()));
    }

    @Test
    void repeatsChangeNothing() {
        fixture.given(requested(), started()).when(new StartXeroSync(sync, 10)).expectNoEvents();
        fixture.given(requested(), started(), new XeroSyncProgressed(sync, org, counts(5, 1, 3, 1), 10,
                        List.of(new XeroSyncError("INV-1", "bad"))))
                .when(new RecordXeroSyncProgress(sync, counts(5, 1, 3, 1), 10,
                        List.of(new XeroSyncError("INV-1", "bad"))))
                .expectNoEvents();
        XeroSyncCompleted completed = new XeroSyncCompleted(sync, org, "invoices", "api", "success",
                counts(10, 2, 8, 0), List.of());
        fixture.given(requested(), started(), completed)
                .when(new CompleteXeroSync(sync, counts(10, 2, 8, 0), List.of())).expectNoEvents()
                .expectSuccessfulHandlerExecution();
        XeroSyncFailed failed = new XeroSyncFailed(sync, org, "invoices", "api", "reconnect Xero",
                XeroSyncCounts.NONE, List.of());
        fixture.given(requested(), failed)
                .when(new FailXeroSync(sync, "reconnect Xero", null, List.of())).expectNoEvents()
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void onlyLegalStepsAndAFinishedSyncRefusesMore() {
        fixture.given(requested())
                .when(new RecordXeroSyncProgress(sync, counts(1, 0, 1, 0), null, List.of()))
                .expectException(violation(RuleViolation.Kind.CONFLICT)).expectNoEvents();
        fixture.given(requested())
                .when(new CompleteXeroSync(sync, counts(1, 0, 1, 0), List.of()))
                .expectException(violation(RuleViolation.Kind.CONFLICT)).expectNoEvents();
        XeroSyncCompleted completed = new XeroSyncCompleted(sync, org, "invoices", "api", "success",
                counts(10, 2, 8, 0), List.of());
        fixture.given(requested(), started(), completed).when(new StartXeroSync(sync, null))
                .expectException(violation(RuleViolation.Kind.CONFLICT));
        fixture.given(requested(), started(), completed)
                .when(new RecordXeroSyncProgress(sync, counts(11, 2, 9, 0), null, List.of()))
                .expectException(violation(RuleViolation.Kind.CONFLICT));
        fixture.given(requested(), started(), completed).when(new FailXeroSync(sync, "late", null, List.of()))
                .expectException(violation(RuleViolation.Kind.CONFLICT));
        fixture.given(requested(), started(), completed)
                .when(new CompleteXeroSync(sync, counts(12, 2, 10, 0), List.of()))
                .expectException(violation(RuleViolation.Kind.CONFLICT));
        XeroSyncFailed failed = new XeroSyncFailed(sync, org, "invoices", "api", "reconnect Xero",
                XeroSyncCounts.NONE, List.of());
        fixture.given(requested(), failed).when(new StartXeroSync(sync, null))
                .expectException(violation(RuleViolation.Kind.CONFLICT));
        fixture.given(requested(), failed).when(new FailXeroSync(sync, "another reason", null, List.of()))
                .expectException(violation(RuleViolation.Kind.CONFLICT));
    }

    @Test
    void aSyncFailsBeforeOrWhileRunningWithAReason() {
        fixture.given(requested())
                .when(new FailXeroSync(sync, " reconnect Xero ", null, null))
                .expectEvents(new XeroSyncFailed(sync, org, "invoices", "api", "reconnect Xero", XeroSyncCounts.NONE,
                        List.of()));
        assertThat(slots.released).containsExactly(sync);
        fixture.given(requested(), started())
                .when(new FailXeroSync(sync, "Xero answered 500 three times", counts(4, 0, 4, 0), List.of()))
                .expectEvents(new XeroSyncFailed(sync, org, "invoices", "api", "Xero answered 500 three times",
                        counts(4, 0, 4, 0), List.of()));
        fixture.given(requested(), started()).when(new FailXeroSync(sync, " ", null, List.of()))
                .expectException(violation(RuleViolation.Kind.INVALID)).expectNoEvents();
    }

    @Test
    void countsNeverGoBack() {
        fixture.given(requested(), started(), new XeroSyncProgressed(sync, org, counts(5, 1, 4, 0), 10, List.of()))
                .when(new RecordXeroSyncProgress(sync, counts(4, 1, 3, 0), null, List.of()))
                .expectException(violation(RuleViolation.Kind.CONFLICT)).expectNoEvents();
        fixture.given(requested(), started())
                .when(new RecordXeroSyncProgress(sync, counts(-1, 0, 0, 0), null, List.of()))
                .expectException(violation(RuleViolation.Kind.INVALID));
        fixture.given(requested(), started()).when(new CompleteXeroSync(sync, null, List.of()))
                .expectException(violation(RuleViolation.Kind.INVALID));
    }

    @Test
    void theFirstHundredErrorsAreKept() {
        List<XeroSyncError> many = IntStream.range(0, 150)
                .mapToObj(i -> new XeroSyncError("ITEM-" + i, "no sales price")).toList();
        fixture.given(requested(), started())
                .when(new RecordXeroSyncProgress(sync, counts(150, 0, 0, 150), null, many))
                .expectEvents(new XeroSyncProgressed(sync, org, counts(150, 0, 0, 150), 10, many.subList(0, 100)));
        fixture.given(requested(), started(),
                        new XeroSyncProgressed(sync, org, counts(150, 0, 0, 150), 10, many.subList(0, 100)))
                .when(new CompleteXeroSync(sync, counts(200, 0, 0, 200), many))
                .expectEvents(new XeroSyncCompleted(sync, org, "invoices", "api", "partial", counts(200, 0, 0, 200),
                        List.of()));
        String longMessage = "x".repeat(5000);
        fixture.given(requested(), started())
                .when(new RecordXeroSyncProgress(sync, counts(1, 0, 0, 1), null,
                        List.of(new XeroSyncError("ITEM-1", longMessage))))
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        Matchers.<Object>predicate(event -> ((XeroSyncProgressed) event).errors().get(0).message()
                                .length() == XeroSync.MESSAGE_MAX))));
    }
}
