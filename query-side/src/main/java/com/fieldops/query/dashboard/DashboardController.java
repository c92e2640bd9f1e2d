package com.fieldops.query.dashboard;

import com.fieldops.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/dashboard")
@Tag(name = "Dashboard")
public class DashboardController {

    private final DashboardStatsRepository stats;
    private final DashboardRefresh refresh;

    public DashboardController(DashboardStatsRepository stats, DashboardRefresh refresh) {
        this.stats = stats;
        this.refresh = refresh;
    }

    @GetMapping("/stats")
    @Operation(summary = "Today's numbers in the caller's scope: own (technician), team (manager), organization "
            + "(admin, analyst); today is in the organisation's timezone")
    @ApiResponse(responseCode = "200", description = "The stats")
    public DashboardStats stats(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser user) {
        return stats.stats(user);
    }

    @PostMapping("/refresh")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Rebuild the organisation's dashboard counters, timesheets and jobs from its events in the "
            + "event store (admin); the numbers are those the running counters show")
    @ApiResponse(responseCode = "200", description = "{\"success\":true,\"timestamp\":<epoch ms>}")
    public Map<String, Object> refresh(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser user) {
        refresh.refresh(user.orgId());
        return Map.of("success", true, "timestamp", System.currentTimeMillis());
    }
}
