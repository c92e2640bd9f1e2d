package com.fieldops.command.financials;

import static org.assertj.core.api.Assertions.assertThat;

import com.fieldops.events.Change;
import com.fieldops.events.revenuetarget.RevenueTargetSet;
import com.fieldops.platform.problem.RuleViolation;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RevenueTargetTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final YearMonth FEBRUARY = YearMonth.of(2026, 2);

    private AggregateTestFixture<RevenueTarget> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(RevenueTarget.class);
    }

    private static SetRevenueTarget set(String amount) {
        return new SetRevenueTarget(ORG, FEBRUARY, amount == null ? null : new BigDecimal(amount));
    }

    private static RevenueTargetSet changed(String from, String to) {
        return new RevenueTargetSet(set(to).targetId(), ORG, FEBRUARY,
                Change.of(from == null ? null : new BigDecimal(from), new BigDecimal(to)));
    }

    @Test
    void oneTargetPerOrganisationAndMonth() {
        assertThat(set("1").targetId()).isEqualTo(set("2").targetId())
                .isNotEqualTo(new SetRevenueTarget(ORG, FEBRUARY.plusMonths(1), BigDecimal.ONE).targetId())
                .isNotEqualTo(new SetRevenueTarget(UUID.randomUUID(), FEBRUARY, BigDecimal.ONE).targetId());
    }

    @Test
    void theFirstTargetOfAMonthHasNoOldAmountAndIsKeptAtTwoDecimals() {
        fixture.givenNoPriorActivity()
                .when(set("10000"))
                .expectEvents(changed(null, "10000.00"));
    }

    @Test
    void aChangeCarriesTheOldAndNewAmount() {
        fixture.given(changed(null, "10000.00"))
                .when(set("12500.5"))
                .expectEvents(changed("10000.00", "12500.50"));
    }

    @Test
    void theSameAmountAgainRecordsNothing() {
        fixture.given(changed(null, "10000.00"))
                .when(set("10000.000"))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void zeroIsATargetAndTheLimitsHold() {
        fixture.givenNoPriorActivity().when(set("0")).expectEvents(changed(null, "0.00"));
        fixture.givenNoPriorActivity().when(set("99999999.99")).expectEvents(changed(null, "99999999.99"));
    }

    @Test
    void missingNegativeTooLargeOrTooPreciseAmountsAreRefused() {
        for (String bad : new String[] {null, "-0.01", "100000000", "100.005"}) {
            fixture.givenNoPriorActivity().when(set(bad)).expectException(RuleViolation.class).expectNoEvents();
            fixture.given(changed(null, "10.00")).when(set(bad)).expectException(RuleViolation.class)
                    .expectNoEvents();
        }
    }
}
