package com.fieldops.query.dashboard;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** GET /api/dashboard/stats (DESIGN §5): today's numbers in the caller's scope and the organisation's timezone. */
@Schema(name = "DashboardStats")
public record DashboardStats(
        @Schema(description = "jobs not cancelled") long totalJobs,
        @Schema(description = "jobs completed today (their changed_at) in the organisation's timezone")
        long completedToday,
        @Schema(description = "submitted timesheets awaiting approval") long pendingApprovals,
        @Schema(description = "submitted and approved entries worked today, at their snapshot amounts",
                example = "2400.00") BigDecimal revenueToday,
        @Schema(allowableValues = {"own", "team", "organization"}) String scope,
        @Schema(description = "today in the organisation's timezone") LocalDate date,
        @Schema(example = "Pacific/Auckland") String timezone,
        Instant asOf) {
}
