package com.fieldops.query.financials;

import com.fieldops.platform.problem.RuleViolation;
import com.fieldops.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The organisation's financial summary and its sales invoices. Financials are organisation-wide for every role that
 * may see them: invoices and targets belong to no team.
 */
@RestController
@RequestMapping("/api/financials")
@Tag(name = "Financials")
@PreAuthorize("hasAnyRole('ADMIN', 'MANAGER', 'ANALYST')")
public class FinancialsController {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;

    private final FinancialsReadRepository financials;

    public FinancialsController(FinancialsReadRepository financials) {
        this.financials = financials;
    }

    @GetMapping("/summary")
    @Operation(summary = "Invoices by derived status and this month's revenue against its target (admin, manager, "
            + "analyst); today and this month are the organisation's, in its timezone")
    @ApiResponse(responseCode = "200", description = "The summary")
    public FinancialSummary summary(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser user) {
        return financials.summary(user);
    }

    @GetMapping("/invoices")
    @Operation(summary = "Sales invoices of a derived status (admin, manager, analyst): sent and overdue by due date, "
            + "oldest first; draft, paid and all newest first")
    @ApiResponse(responseCode = "200", description = "A plain JSON array")
    @ApiResponse(responseCode = "400", description = "Unknown status, limit below 1 or negative offset")
    public List<InvoiceResource> invoices(
            @Parameter(hidden = true) @AuthenticationPrincipal CurrentUser user,
            @Parameter(description = "derived status; every invoice that has one when absent",
                    schema = @Schema(allowableValues = {"draft", "sent", "paid", "overdue"}))
            @RequestParam(required = false) String status,
            @Parameter(description = "default 10, at most 100 (a larger value is capped)")
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit,
            @RequestParam(defaultValue = "0") int offset) {
        Optional<InvoiceStatus> derived = Optional.ofNullable(status).map(label -> InvoiceStatus.of(label)
                .orElseThrow(() -> RuleViolation.invalid("status", "must be one of " + InvoiceStatus.labels())));
        if (limit < 1) throw RuleViolation.invalid("limit", "must be at least 1");
        if (offset < 0) throw RuleViolation.invalid("offset", "must be at least 0");
        return financials.invoices(user, derived, Math.min(limit, MAX_LIMIT), offset);
    }
}
