package com.fieldops.query.financials;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The pace rule of DESIGN §8, exactly at its edges: expected = target × day-of-month / days-in-month. */
class FinancialSummaryTest {

    /** 10 February 2026: expected = 2800 × 10 / 28 = 1000, its 80 % = 800. */
    private static final LocalDate TENTH = LocalDate.of(2026, 2, 10);
    private static final BigDecimal TARGET = new BigDecimal("2800.00");

    private static String status(String mtd) {
        return FinancialSummary.revenue(new BigDecimal(mtd), TARGET, TENTH).status();
    }

    @Test
    void onTrackFromTheExpectedAmountWarningFromEightyPercentOfItElseBehind() {
        assertThat(status("1000.00")).isEqualTo("on_track");
        assertThat(status("2800.00")).isEqualTo("on_track");
        assertThat(status("999.99")).isEqualTo("warning");
        assertThat(status("800.00")).isEqualTo("warning");
        assertThat(status("799.99")).isEqualTo("behind");
        assertThat(status("0.00")).isEqualTo("behind");
    }

    @Test
    void anExpectedAmountThatIsNoWholeNumberOfCentsIsComparedExactly() {
        // 1 January: expected = 100 / 31 = 3.2258…; 80 % of it = 2.5806…
        LocalDate first = LocalDate.of(2026, 1, 1);
        BigDecimal target = new BigDecimal("100.00");
        assertThat(FinancialSummary.revenue(new BigDecimal("3.23"), target, first).status()).isEqualTo("on_track");
        assertThat(FinancialSummary.revenue(new BigDecimal("3.22"), target, first).status()).isEqualTo("warning");
        assertThat(FinancialSummary.revenue(new BigDecimal("2.59"), target, first).status()).isEqualTo("warning");
        assertThat(FinancialSummary.revenue(new BigDecimal("2.58"), target, first).status()).isEqualTo("behind");
    }

    @Test
    void withoutATargetThereIsNoPaceAndNoPercentage() {
        FinancialSummary.Revenue revenue = FinancialSummary.revenue(new BigDecimal("10.00"), null, TENTH);
        assertThat(revenue.status()).isEqualTo("no_target");
        assertThat(revenue.target()).isNull();
        assertThat(FinancialSummary.percent(new BigDecimal("10.00"), null)).isNull();
    }

    @Test
    void aTargetOfZeroIsAlwaysMetAndHasNoPercentage() {
        assertThat(FinancialSummary.revenue(BigDecimal.ZERO, BigDecimal.ZERO, TENTH).status()).isEqualTo("on_track");
        assertThat(FinancialSummary.percent(new BigDecimal("10.00"), BigDecimal.ZERO)).isNull();
    }

    @Test
    void thePercentageIsRoundedHalfUpAndMayPassAHundred() {
        assertThat(FinancialSummary.percent(new BigDecimal("8500.00"), new BigDecimal("10000.00"))).isEqualTo(85L);
        assertThat(FinancialSummary.percent(new BigDecimal("8550.00"), new BigDecimal("10000.00"))).isEqualTo(86L);
        assertThat(FinancialSummary.percent(new BigDecimal("8549.99"), new BigDecimal("10000.00"))).isEqualTo(85L);
        assertThat(FinancialSummary.percent(new BigDecimal("12345.00"), new BigDecimal("10000.00"))).isEqualTo(123L);
        assertThat(FinancialSummary.percent(BigDecimal.ZERO, new BigDecimal("10000.00"))).isZero();
    }
}
