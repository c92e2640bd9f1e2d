package com.fieldops.query.financials;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;

/**
 * GET /api/financials/summary (DESIGN §5, §8): the organisation's sales invoices by derived status, this month's
 * revenue against its target, in the organisation's timezone.
 */
@Schema(name = "FinancialSummary")
public record FinancialSummary(
        InvoiceCounts invoices,
        Revenue revenue,
        @Schema(nullable = true, example = "85", description = "round(mtd / target × 100), half up; null without a "
                + "target or with a target of 0") Long revenuePercent,
        @Schema(description = "today in the organisation's timezone") LocalDate date,
        @Schema(example = "Pacific/Auckland") String timezone,
        Instant asOf) {

    /** Sales (ACCREC) invoices; VOIDED and DELETED ones are not counted. */
    @Schema(name = "FinancialInvoiceCounts")
    public record InvoiceCounts(
            @Schema(description = "Xero DRAFT or SUBMITTED") long draft,
            @Schema(description = "AUTHORISED and not overdue") long sent,
            @Schema(description = "PAID") long paid,
            @Schema(description = "AUTHORISED with an amount due and a due date before today") long overdue) {
    }

    @Schema(name = "FinancialRevenue")
    public record Revenue(
            @Schema(example = "8500.00", description = "submitted and approved timesheet entries worked from the "
                    + "first of this month to today, at their snapshot amounts") BigDecimal mtd,
            @Schema(example = "10000.00", nullable = true, description = "this month's target; null when none is set")
            BigDecimal target,
            @Schema(allowableValues = {"on_track", "warning", "behind", "no_target"},
                    description = "pace against target × day-of-month / days-in-month: on_track at or above it, "
                            + "warning at 80 % of it or above, else behind") String status) {
    }

    /** The pace of {@code mtd} against {@code target} on {@code today}, exactly (no division, so no rounding). */
    static Revenue revenue(BigDecimal mtd, BigDecimal target, LocalDate today) {
        if (target == null) return new Revenue(mtd, null, "no_target");
        // mtd >= target × day / days  ⇔  mtd × days >= target × day
        BigDecimal done = mtd.multiply(BigDecimal.valueOf(today.lengthOfMonth()));
        BigDecimal expected = target.multiply(BigDecimal.valueOf(today.getDayOfMonth()));
        String status = done.compareTo(expected) >= 0 ? "on_track"
                : done.multiply(BigDecimal.valueOf(5)).compareTo(expected.multiply(BigDecimal.valueOf(4))) >= 0
                ? "warning" : "behind";
        return new Revenue(mtd, target, status);
    }

    /** round(mtd / target × 100), half up as people round a percentage; none without a positive target. */
    static Long percent(BigDecimal mtd, BigDecimal target) {
        if (target == null || target.signum() == 0) return null;
        return mtd.multiply(BigDecimal.valueOf(100)).divide(target, 0, RoundingMode.HALF_UP).longValueExact();
    }
}
