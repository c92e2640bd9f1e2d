package com.fieldops.command.activitytype;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fieldops.embedded.TestInfrastructure;
import com.fieldops.events.Change;
import com.fieldops.events.activitytype.ActivityTypeCreated;
import com.fieldops.events.activitytype.ActivityTypeDisabled;
import com.fieldops.events.activitytype.ActivityTypeEnabled;
import com.fieldops.events.activitytype.ActivityTypeUpdated;
import com.fieldops.events.activitytype.ActivityTypeXeroPushFailed;
import com.fieldops.events.activitytype.ActivityTypeXeroPushed;
import com.fieldops.platform.problem.RuleViolation;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.BaseMatcher;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Every rule of the ActivityType aggregate; the uniqueness lookup table is the real one in PostgreSQL. */
class ActivityTypeTest {

    private static ActivityTypeUniqueness uniqueness;

    private final UUID orgId = UUID.randomUUID();
    private final UUID id = UUID.randomUUID();
    private AggregateTestFixture<ActivityType> fixture;

    @BeforeAll
    static void database() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(TestInfrastructure.jdbcUrl(),
                TestInfrastructure.username(), TestInfrastructure.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        uniqueness = new ActivityTypeUniqueness(JdbcClient.create(dataSource));
    }

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(ActivityType.class);
        fixture.registerInjectableResource(uniqueness);
        fixture.registerAnnotatedCommandHandler(new ActivityTypeCommandHandler(fixture.getRepository(), uniqueness));
    }

    private CreateActivityType create(String name, String rate, String code) {
        return new CreateActivityType(id, orgId, name, rate == null ? null : new BigDecimal(rate), "desc", code, true);
    }

    private ActivityTypeCreated created(String name, String rate, String code, boolean xeroManaged) {
        return new ActivityTypeCreated(id, orgId, name, new BigDecimal(rate), "desc", code, xeroManaged, true);
    }

    private UpdateActivityType update(Set<String> fields, String name, String rate, String description, String code,
                                      Boolean enabled) {
        return new UpdateActivityType(id, orgId, fields, name, rate == null ? null : new BigDecimal(rate), description,
                code, enabled);
    }

    @Test
    void createTrimsAndKeepsTwoDecimals() {
        fixture.givenNoPriorActivity()
                .when(create("  Electrical  ", "95.5", " ELEC-1 "))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ActivityTypeCreated(id, orgId, "Electrical", new BigDecimal("95.50"), "desc", "ELEC-1",
                        false, true))
                .expectResultMessagePayloadMatching(matching("state of version 0", payload ->
                        payload instanceof ActivityTypeState state && state.version() == 0 && state.enabled()
                                && state.createdAt() != null && state.createdAt().equals(state.updatedAt())));
    }

    @Test
    void aXeroManagedTypeWhoseItemIsGoneIsDisabledOnce() {
        fixture.given(created("Guitars", "5000", "123", true))
                .when(new RetireXeroItem(id, orgId))
                .expectEvents(new ActivityTypeDisabled(id, orgId))
                .expectResultMessagePayload(true);
        fixture.given(created("Guitars", "5000", "123", true), new ActivityTypeDisabled(id, orgId))
                .when(new RetireXeroItem(id, orgId))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void aTypeLinkedToXeroByHandIsNotRetired() {
        fixture.given(created("Guitar lessons", "80", "123", false))
                .when(new RetireXeroItem(id, orgId))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void rateRules() {
        expectInvalid(create("A", "-1", null), "hourly_rate");
        expectInvalid(create("B", "100000000.00", null), "hourly_rate");
        expectInvalid(create("C", "1.005", null), "hourly_rate");
        expectInvalid(create("D", null, null), "hourly_rate");
        fixture.givenNoPriorActivity().when(create("E", "99999999.99", null)).expectSuccessfulHandlerExecution();
    }

    @Test
    void nameAndCodeRules() {
        expectInvalid(create("   ", "1", null), "name");
        expectInvalid(create("x".repeat(256), "1", null), "name");
        expectInvalid(create("x".repeat(51), "1", "CODE"), "name");
        expectInvalid(create("ok", "1", "C".repeat(31)), "xero_code");
        fixture.givenNoPriorActivity().when(create("x".repeat(255), "1", null)).expectSuccessfulHandlerExecution();
    }

    @Test
    void namesAreUniquePerOrganisationIgnoringCaseAndBlanks() {
        uniqueness.claimName(orgId, "Plumbing", UUID.randomUUID());
        fixture.givenNoPriorActivity().when(create(" plumbing ", "1", null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("already exists"))
                .expectNoEvents();
        UUID otherOrg = UUID.randomUUID();
        uniqueness.claimName(otherOrg, "Gas", UUID.randomUUID());
        fixture.givenNoPriorActivity().when(create("Gas", "1", null)).expectSuccessfulHandlerExecution();
    }

    @Test
    void xeroCodesAreUniquePerOrganisation() {
        uniqueness.claimXeroCode(orgId, "GAS-1", UUID.randomUUID());
        fixture.givenNoPriorActivity().when(create("Gas fitting", "1", "GAS-1"))
                .expectException(RuleViolation.class).expectNoEvents();
    }

    @Test
    void updateRecordsOldAndNewValuesOfWhatChanged() {
        uniqueness.claimName(orgId, "Electrical", id);
        fixture.given(created("Electrical", "90.00", null, false))
                .when(update(Set.of("name", "hourly_rate", "description"), "Electrics", "99", "desc", null, null))
                .expectEvents(new ActivityTypeUpdated(id, orgId, Change.of("Electrical", "Electrics"),
                        Change.of(new BigDecimal("90.00"), new BigDecimal("99.00")), null, null));
        assertThat(uniqueness.ownerOfName(orgId, "electrics")).contains(id);
        assertThat(uniqueness.ownerOfName(orgId, "electrical")).isEmpty();
    }

    @Test
    void anUpdateThatChangesNothingRecordsNothing() {
        fixture.given(created("Electrical", "90.00", null, false))
                .when(update(Set.of("name", "hourly_rate"), "Electrical", "90", null, null, null))
                .expectNoEvents();
    }

    @Test
    void xeroManagedNameAndRateChangeOnlyInXero() {
        fixture.given(created("Electrical", "90.00", "E1", true))
                .when(update(Set.of("hourly_rate"), null, "91", null, null, null))
                .expectException(RuleViolation.class)
                .expectException(violation(RuleViolation.Kind.FORBIDDEN_CHANGE, "hourly_rate"));
        fixture.given(created("Electrical", "90.00", "E1", true))
                .when(update(Set.of("name"), "Other", null, null, null, null))
                .expectException(RuleViolation.class);
        fixture.given(created("Electrical", "90.00", "E1", true))
                .when(update(Set.of("description"), null, null, "new words", null, null))
                .expectEvents(new ActivityTypeUpdated(id, orgId, null, null, Change.of("desc", "new words"), null));
    }

    @Test
    void clearingTheCodeReleasesIt() {
        uniqueness.claimXeroCode(orgId, "P1", id);
        fixture.given(created("Plumbing", "80.00", "P1", false))
                .when(update(Set.of("xero_code"), null, null, null, null, null))
                .expectEvents(new ActivityTypeUpdated(id, orgId, null, null, null, Change.of("P1", null)));
        assertThat(uniqueness.ownerOfXeroCode(orgId, "P1")).isEmpty();
    }

    @Test
    void anotherOrganisationsTypeIsNotFound() {
        fixture.given(created("Electrical", "90.00", null, false))
                .when(new DisableActivityType(id, UUID.randomUUID()))
                .expectException(violation(RuleViolation.Kind.NOT_FOUND, null))
                .expectNoEvents();
    }

    @Test
    void deleteIsASoftDeleteAndPutEnablesAgain() {
        fixture.given(created("Electrical", "90.00", null, false))
                .when(new DisableActivityType(id, orgId))
                .expectEvents(new ActivityTypeDisabled(id, orgId));
        fixture.given(created("Electrical", "90.00", null, false), new ActivityTypeDisabled(id, orgId))
                .when(new DisableActivityType(id, orgId))
                .expectNoEvents();
        fixture.given(created("Electrical", "90.00", null, false), new ActivityTypeDisabled(id, orgId))
                .when(update(Set.of("enabled"), null, null, null, null, true))
                .expectEvents(new ActivityTypeEnabled(id, orgId));
    }

    @Test
    void everyRejectedPushIsRecordedAndASuccessClearsAFailureOnly() {
        fixture.given(created("Electrical", "90.00", "ELEC", false))
                .when(new RecordXeroPushRejected(id, orgId, "ELEC", List.of(" Code too long ", "", "Code too long",
                        "x".repeat(1200))))
                .expectEvents(new ActivityTypeXeroPushFailed(id, orgId, "ELEC", List.of("Code too long",
                        "x".repeat(ActivityTypeXeroPushFailed.MAX_ERROR_LENGTH))));
        ActivityTypeXeroPushFailed failed = new ActivityTypeXeroPushFailed(id, orgId, "ELEC", List.of("Code too long"));
        fixture.given(created("Electrical", "90.00", "ELEC", false), failed)
                .when(new RecordXeroPushRejected(id, orgId, "ELEC", List.of("Code too long")))
                .expectEvents(failed);
        fixture.given(created("Electrical", "90.00", "ELEC", false), failed)
                .when(new RecordXeroPushed(id, orgId, "ELEC"))
                .expectEvents(new ActivityTypeXeroPushed(id, orgId, "ELEC"));
        fixture.given(created("Electrical", "90.00", "ELEC", false), failed, new ActivityTypeXeroPushed(id, orgId, "ELEC"))
                .when(new RecordXeroPushed(id, orgId, "ELEC"))
                .expectNoEvents();
        fixture.given(created("Electrical", "90.00", "ELEC", false))
                .when(new RecordXeroPushRejected(id, UUID.randomUUID(), "ELEC", List.of("x")))
                .expectException(violation(RuleViolation.Kind.NOT_FOUND, null));
    }

    @Test
    void theStateShowsTheLastPushErrorAndCountsItsEvent() {
        fixture.given(created("Electrical", "90.00", "ELEC", false),
                        new ActivityTypeXeroPushFailed(id, orgId, "ELEC", List.of("Code too long", "Name too long")))
                .when(new DisableActivityType(id, orgId))
                .expectResultMessagePayloadMatching(matching("version 2 with the push error", payload ->
                        payload instanceof ActivityTypeState state && state.version() == 2
                                && "Code too long; Name too long".equals(state.xeroPushError())));
    }

    private void expectInvalid(CreateActivityType command, String field) {
        fixture.givenNoPriorActivity().when(command)
                .expectException(violation(RuleViolation.Kind.INVALID, field))
                .expectNoEvents();
    }

    /** A RuleViolation of that kind, naming that field among its errors (any field when null). */
    private static Matcher<Throwable> violation(RuleViolation.Kind kind, String field) {
        return matching("RuleViolation " + kind + " on " + field, thrown -> thrown instanceof RuleViolation violation
                && violation.kind() == kind
                && (field == null || violation.errors().stream().anyMatch(error -> error.field().equals(field))));
    }

    private static <T> Matcher<T> matching(String description, Predicate<Object> predicate) {
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
