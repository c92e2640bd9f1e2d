package com.fieldops.command.timesheet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fieldops.command.timesheet.TimesheetCommands.Actor;
import com.fieldops.command.timesheet.TimesheetCommands.ApproveTimesheet;
import com.fieldops.command.timesheet.TimesheetCommands.CreateTimesheet;
import com.fieldops.command.timesheet.TimesheetCommands.RecordTimesheetFact;
import com.fieldops.command.timesheet.TimesheetCommands.RejectTimesheet;
import com.fieldops.command.timesheet.TimesheetCommands.SubmitTimesheet;
import com.fieldops.command.timesheet.TimesheetCommands.UpdateTimesheet;
import com.fieldops.embedded.TestInfrastructure;
import com.fieldops.events.Change;
import com.fieldops.events.timesheet.TimesheetApproved;
import com.fieldops.events.timesheet.TimesheetCreated;
import com.fieldops.events.timesheet.TimesheetRejected;
import com.fieldops.events.timesheet.TimesheetSnapshot;
import com.fieldops.events.timesheet.TimesheetSubmitted;
import com.fieldops.events.timesheet.TimesheetUpdated;
import com.fieldops.platform.problem.RuleViolation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.flywaydb.core.Flyway;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The timesheet state machine and its rules; the daily-hours lookup is the real table in PostgreSQL. */
class TimesheetTest {

    private static DriverManagerDataSource dataSource;
    private static DailyHours daily;

    private final UUID org = UUID.randomUUID();
    private final UUID team = UUID.randomUUID();
    private final UUID id = UUID.randomUUID();
    private final UUID job = UUID.randomUUID();
    private final UUID type = UUID.randomUUID();
    private final Actor tech = new Actor(UUID.randomUUID(), "Jane Smith", "technician", team);
    private final Actor manager = new Actor(UUID.randomUUID(), "Max", "manager", team);
    private final Actor otherManager = new Actor(UUID.randomUUID(), "Mo", "manager", UUID.randomUUID());
    private final Actor admin = new Actor(UUID.randomUUID(), "Ada", "admin", null);
    private final LocalDate today = LocalDate.of(2026, 1, 23);
    private final Map<UUID, TimesheetPorts.Rate> priceList = new HashMap<>();
    private AggregateTestFixture<Timesheet> fixture;

    @BeforeAll
    static void database() {
        dataSource = new DriverManagerDataSource(TestInfrastructure.jdbcUrl(),
                TestInfrastructure.username(), TestInfrastructure.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        daily = new DailyHours(JdbcClient.create(dataSource));
    }

    @BeforeEach
    void fixture() {
        priceList.put(type, new TimesheetPorts.Rate("Electrical", new BigDecimal("95.50"), true));
        TimesheetPorts.Rates rates = (orgId, typeId) -> orgId.equals(org) ? Optional.ofNullable(priceList.get(typeId))
                : Optional.empty();
        TimesheetPorts.Calendar calendar = orgId -> today;
        fixture = new AggregateTestFixture<>(Timesheet.class);
        fixture.registerInjectableResource(rates);
        fixture.registerInjectableResource(calendar);
        fixture.registerInjectableResource(daily);
        fixture.registerAnnotatedCommandHandler(new TimesheetCommandHandler(fixture.getRepository(), rates, calendar,
                daily));
    }

    private CreateTimesheet create(Actor actor, UUID user, String hours, LocalDate day) {
        return new CreateTimesheet(id, org, actor, user, "Jane Smith", team, job, type, day,
                hours == null ? null : new BigDecimal(hours), "wiring");
    }

    private TimesheetCreated created() {
        return new TimesheetCreated(id, org, tech.userId(), "Jane Smith", team, job, type, today,
                new BigDecimal("3.50"), "wiring", TimesheetCreated.SOURCE_API);
    }

    private TimesheetSnapshot fact(String status, String rate, String amount) {
        Instant at = Instant.parse("2026-01-23T10:00:00Z");
        return new TimesheetSnapshot(id, org, tech.userId(), "Jane Smith", team, job, type, "Electrical", today,
                new BigDecimal("3.50"), new BigDecimal(rate), new BigDecimal(amount), status, "wiring", at,
                "approved".equals(status) ? manager.userId() : null, "approved".equals(status) ? at : null,
                "rejected".equals(status) ? "wrong job" : null, at, at);
    }

    private TimesheetSubmitted submitted() {
        return new TimesheetSubmitted(fact("submitted", "95.50", "334.25"));
    }

    @Test
    void aTechnicianLogsADraftForThemself() {
        fixture.givenNoPriorActivity()
                .when(create(tech, tech.userId(), "3.5", today))
                .expectEvents(created());
        fixture.givenNoPriorActivity().when(create(tech, UUID.randomUUID(), "1", today))
                .expectException(kind(RuleViolation.Kind.FORBIDDEN));
        fixture.givenNoPriorActivity().when(create(manager, UUID.randomUUID(), "1", today))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void hoursAndDatesAreChecked() {
        for (String bad : new String[] {"0", "-1", "24.01", "1.005"}) {
            fixture.givenNoPriorActivity().when(create(tech, tech.userId(), bad, today))
                    .expectException(kind(RuleViolation.Kind.INVALID)).expectNoEvents();
        }
        fixture.givenNoPriorActivity().when(create(tech, tech.userId(), "24", today.plusDays(1)))
                .expectSuccessfulHandlerExecution();
        fixture.givenNoPriorActivity().when(create(tech, tech.userId(), "1", today.plusDays(2)))
                .expectException(kind(RuleViolation.Kind.INVALID));
    }

    @Test
    void atMostTwentyFourHoursPerPersonPerDay() {
        UUID person = tech.userId();
        daily.book(org, person, today, UUID.randomUUID(), new BigDecimal("20.00"));
        fixture.givenNoPriorActivity().when(create(tech, person, "4.01", today))
                .expectException(kind(RuleViolation.Kind.CONFLICT)).expectNoEvents();
        fixture.givenNoPriorActivity().when(create(tech, person, "4", today)).expectSuccessfulHandlerExecution();
    }

    @Test
    void aDisabledOrUnknownTypeCannotBeUsed() {
        priceList.put(type, new TimesheetPorts.Rate("Electrical", new BigDecimal("95.50"), false));
        fixture.givenNoPriorActivity().when(create(tech, tech.userId(), "1", today))
                .expectException(kind(RuleViolation.Kind.CONFLICT));
        priceList.clear();
        fixture.givenNoPriorActivity().when(create(tech, tech.userId(), "1", today))
                .expectException(kind(RuleViolation.Kind.INVALID));
    }

    @Test
    void submitTakesTheRateOfThatMomentRoundedHalfEven() {
        priceList.put(type, new TimesheetPorts.Rate("Electrical", new BigDecimal("33.33"), true));
        fixture.given(new TimesheetCreated(id, org, tech.userId(), "Jane Smith", team, job, type, today,
                        new BigDecimal("0.25"), null, TimesheetCreated.SOURCE_API))
                .when(new SubmitTimesheet(id, org, tech))
                .expectEventsMatching(Matchers.payloadsMatching(
                        Matchers.exactSequenceOf(matching("submitted at 33.33 = 8.33",
                                payload -> payload instanceof TimesheetSubmitted s
                                        && s.timesheet().hourlyRate().equals(new BigDecimal("33.33"))
                                        // 0.25 × 33.33 = 8.3325 → 8.33 (half-even)
                                        && s.timesheet().amount().equals(new BigDecimal("8.33"))
                                        && s.timesheet().status().equals("submitted")),
                                Matchers.andNoMore())));
        assertThat(Timesheet.amountOf(new BigDecimal("0.50"), new BigDecimal("0.25"))).isEqualByComparingTo("0.12");
        assertThat(Timesheet.amountOf(new BigDecimal("1.50"), new BigDecimal("0.25"))).isEqualByComparingTo("0.38");
    }

    @Test
    void onlyTheOwnerEditsAndSubmits() {
        fixture.given(created()).when(new SubmitTimesheet(id, org, manager))
                .expectException(kind(RuleViolation.Kind.FORBIDDEN));
        fixture.given(created()).when(new UpdateTimesheet(id, org, admin, Set.of("hours"), null, null, null,
                        new BigDecimal("2"), null))
                .expectException(kind(RuleViolation.Kind.FORBIDDEN));
        fixture.given(created()).when(new UpdateTimesheet(id, org, tech, Set.of("hours", "notes"), null, null, null,
                        new BigDecimal("2"), " "))
                .expectEvents(new TimesheetUpdated(id, org, null, null, null,
                        Change.of(new BigDecimal("3.50"), new BigDecimal("2.00")), Change.of("wiring", null)));
    }

    @Test
    void theManagerOfTheTeamOrAnAdminApprovesNeverTheOwner() {
        fixture.given(created(), submitted()).when(new ApproveTimesheet(id, org, tech))
                .expectException(kind(RuleViolation.Kind.FORBIDDEN));
        fixture.given(created(), submitted()).when(new ApproveTimesheet(id, org, otherManager))
                .expectException(kind(RuleViolation.Kind.FORBIDDEN));
        fixture.given(created(), submitted()).when(new ApproveTimesheet(id, org, manager))
                .expectEventsMatching(Matchers.payloadsMatching(
                        Matchers.exactSequenceOf(matching("approved by the manager",
                                payload -> payload instanceof TimesheetApproved a
                                        && a.timesheet().approvedBy().equals(manager.userId())
                                        && a.timesheet().amount().equals(new BigDecimal("334.25"))),
                                Matchers.andNoMore())));
        fixture.given(created(), submitted()).when(new ApproveTimesheet(id, org, admin))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void illegalTransitionsAreConflicts() {
        fixture.given(created()).when(new ApproveTimesheet(id, org, manager))
                .expectException(kind(RuleViolation.Kind.CONFLICT));
        fixture.given(created(), submitted()).when(new SubmitTimesheet(id, org, tech))
                .expectException(kind(RuleViolation.Kind.CONFLICT));
        TimesheetApproved approved = new TimesheetApproved(fact("approved", "95.50", "334.25"));
        fixture.given(created(), submitted(), approved)
                .when(new UpdateTimesheet(id, org, tech, Set.of("hours"), null, null, null, BigDecimal.ONE, null))
                .expectException(kind(RuleViolation.Kind.CONFLICT));
        fixture.given(created(), submitted(), approved).when(new RejectTimesheet(id, org, manager, "late"))
                .expectException(kind(RuleViolation.Kind.CONFLICT));
    }

    @Test
    void aRejectedEntryIsEditedAndSubmittedAgainAtTheNewRate() {
        TimesheetRejected rejected = new TimesheetRejected(fact("rejected", "95.50", "334.25"));
        fixture.given(created(), submitted()).when(new RejectTimesheet(id, org, manager, " "))
                .expectException(kind(RuleViolation.Kind.INVALID));
        priceList.put(type, new TimesheetPorts.Rate("Electrical", new BigDecimal("100.00"), true));
        fixture.given(created(), submitted(), rejected).when(new SubmitTimesheet(id, org, tech))
                .expectEventsMatching(Matchers.payloadsMatching(
                        Matchers.exactSequenceOf(matching("submitted at 100",
                                payload -> payload instanceof TimesheetSubmitted s
                                        && s.timesheet().amount().equals(new BigDecimal("350.00"))
                                        && s.timesheet().rejectedReason() == null),
                                Matchers.andNoMore())));
    }

    @Test
    void legacyFactsFollowTheStateMachine() {
        fixture.givenNoPriorActivity().when(new RecordTimesheetFact(id, fact("submitted", "95.50", "334.25")))
                .expectEvents(submitted());
        fixture.given(created(), submitted())
                .when(new RecordTimesheetFact(id, fact("approved", "95.50", "334.25")))
                .expectSuccessfulHandlerExecution();
        fixture.given(created()).when(new RecordTimesheetFact(id, fact("approved", "95.50", "334.25")))
                .expectException(kind(RuleViolation.Kind.CONFLICT)).expectNoEvents();
    }

    @Test
    void legacyFactsBookTheirHoursSoAnEntryMadeHereCannotOverfillTheDay() {
        fixture.givenNoPriorActivity().when(new RecordTimesheetFact(id, fact("submitted", "95.50", "334.25")))
                .expectSuccessfulHandlerExecution();
        assertThat(bookedHours(tech.userId())).isEqualByComparingTo("3.50");
        // 3.50 h of the legacy entry + 20.51 h is more than a day
        fixture.givenNoPriorActivity().when(new CreateTimesheet(UUID.randomUUID(), org, tech, tech.userId(),
                        "Jane Smith", team, job, type, today, new BigDecimal("20.51"), null))
                .expectException(kind(RuleViolation.Kind.CONFLICT)).expectNoEvents();
        fixture.givenNoPriorActivity().when(new CreateTimesheet(UUID.randomUUID(), org, tech, tech.userId(),
                        "Jane Smith", team, job, type, today, new BigDecimal("20.50"), null))
                .expectSuccessfulHandlerExecution();
        // the entry's next fact keeps its own booking (it is not counted twice); like an entry made here, a
        // rejected one still claims its hours
        fixture.given(submitted()).when(new RecordTimesheetFact(id, fact("rejected", "95.50", "334.25")))
                .expectSuccessfulHandlerExecution();
        assertThat(bookedHours(tech.userId())).isEqualByComparingTo("24.00");
        // a legacy fact that would overfill the day is refused like any other contradiction
        fixture(); // a fresh fixture: this one remembers the entry id of its given events
        fixture.givenNoPriorActivity().when(new RecordTimesheetFact(UUID.randomUUID(),
                        withId(fact("submitted", "95.50", "334.25"), UUID.randomUUID())))
                .expectException(kind(RuleViolation.Kind.CONFLICT)).expectNoEvents();
    }

    private BigDecimal bookedHours(UUID person) {
        return JdbcClient.create(dataSource).sql("""
                        select coalesce(sum(hours), 0) from timesheet_day_hours
                        where org_id = ? and user_id = ? and work_date = ?""")
                .params(org, person, today).query(BigDecimal.class).single();
    }

    private static TimesheetSnapshot withId(TimesheetSnapshot fact, UUID newId) {
        return new TimesheetSnapshot(newId, fact.orgId(), fact.userId(), fact.userName(), fact.teamId(), fact.jobId(),
                fact.activityTypeId(), fact.activityTypeName(), fact.workDate(), fact.hours(), fact.hourlyRate(),
                fact.amount(), fact.status(), fact.notes(), fact.submittedAt(), fact.approvedBy(), fact.approvedAt(),
                fact.rejectedReason(), fact.createdAt(), fact.updatedAt());
    }

    private static Matcher<Object> kind(RuleViolation.Kind kind) {
        return matching("RuleViolation " + kind, thrown -> thrown instanceof RuleViolation v && v.kind() == kind);
    }

    private static <T> Matcher<T> matching(String description, java.util.function.Predicate<Object> predicate) {
        return new BaseMatcher<>() {
            @Override
            public boolean matches(Object item) {
                return predicate.test(item);
            }

            @Override
            public void describeTo(Description text) {
                text.appendText(description);
            }
        };
    }
}
