package com.fieldops.command.financials;

import static com.fieldops.command.messaging.ReadModelWait.ReadModel.REVENUE_TARGETS;

import com.fieldops.command.messaging.ActorMetaData;
import com.fieldops.command.messaging.ReadModelWait;
import com.fieldops.platform.problem.RuleViolation;
import com.fieldops.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Monthly revenue targets, against which the financial summary measures month-to-date revenue. */
@RestController
@RequestMapping("/api/financials/targets")
@Tag(name = "Financials")
public class RevenueTargetController {

    private static final Pattern MONTH = Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2])");

    private final CommandGateway commands;
    private final ReadModelWait readModel;

    public RevenueTargetController(CommandGateway commands, ReadModelWait readModel) {
        this.commands = commands;
        this.readModel = readModel;
    }

    /** Body of PUT /api/financials/targets/{month}. */
    public record SetTargetRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "10000",
            minimum = "0", maximum = "99999999.99", multipleOf = 0.01,
            description = "In the organisation's currency; at most two decimals, never rounded") BigDecimal amount) {
    }

    @PutMapping("/{month}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Set the revenue target of a month (admin)")
    @ApiResponse(responseCode = "200", description = "The month's target")
    @ApiResponse(responseCode = "400", description = "Not a month as YYYY-MM, or the amount breaks a rule")
    public RevenueTargetResource set(
            @Parameter(description = "the month, YYYY-MM", example = "2026-02",
                    schema = @Schema(pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$")) @PathVariable String month,
            @RequestBody SetTargetRequest request,
            @Parameter(hidden = true) @AuthenticationPrincipal CurrentUser user) {
        if (!MONTH.matcher(month).matches()) {
            throw RuleViolation.invalid("month", "must be a month as YYYY-MM, e.g. 2026-02");
        }
        SetRevenueTarget command = new SetRevenueTarget(user.orgId(), YearMonth.parse(month), request.amount());
        RevenueTargetResult result = commands.sendAndWait(ActorMetaData.command(command, user));
        readModel.awaitVersion(REVENUE_TARGETS, command.targetId(), result.version());
        return result.target();
    }
}
