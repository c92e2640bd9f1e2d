package com.fieldops.query.timesheet;

import com.fieldops.platform.api.TimesheetResource;
import com.fieldops.platform.problem.RuleViolation;
import com.fieldops.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/timesheets")
@Tag(name = "Timesheets")
@PreAuthorize("hasAnyRole('TECHNICIAN', 'MANAGER', 'ADMIN', 'ANALYST')")
public class TimesheetQueryController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final TimesheetReadRepository timesheets;

    public TimesheetQueryController(TimesheetReadRepository timesheets) {
        this.timesheets = timesheets;
    }

    @GetMapping
    @Operation(summary = "Timesheets in the caller's scope: own (technician), team (manager), organisation (admin, "
            + "analyst); newest work date first")
    @ApiResponse(responseCode = "200", description = "A plain JSON array")
    @ApiResponse(responseCode = "400", description = "A filter is malformed")
    public List<TimesheetResource> list(
            @Parameter(hidden = true) @AuthenticationPrincipal CurrentUser user,
            @Parameter(schema = @Schema(allowableValues = {"draft", "submitted", "approved", "rejected"}))
            @RequestParam(required = false) String status,
            @RequestParam(name = "user_id", required = false) UUID userId,
            @Parameter(description = "first work date, inclusive") @RequestParam(required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @Parameter(description = "last work date, inclusive") @RequestParam(required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @Parameter(description = "default 50, at most 200 (a larger value is capped)")
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit,
            @RequestParam(defaultValue = "0") int offset) {
        if (status != null && !List.of("draft", "submitted", "approved", "rejected").contains(status)) {
            throw RuleViolation.invalid("status", "must be draft, submitted, approved or rejected");
        }
        if (limit < 1) throw RuleViolation.invalid("limit", "must be at least 1");
        if (offset < 0) throw RuleViolation.invalid("offset", "must be at least 0");
        if (from != null && to != null && from.isAfter(to)) throw RuleViolation.invalid("from", "must not be after to");
        return timesheets.find(user, new TimesheetReadRepository.Filter(status, userId, from, to,
                Math.min(limit, MAX_LIMIT), offset));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One timesheet in the caller's scope")
    @ApiResponse(responseCode = "200", description = "The entry")
    @ApiResponse(responseCode = "404", description = "No such entry in the caller's scope")
    public TimesheetResource get(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser user,
                                 @PathVariable UUID id) {
        return timesheets.findById(user, id).orElseThrow(() -> RuleViolation.notFound("timesheet " + id));
    }
}
