package com.fieldops.query.xero;

import com.fieldops.platform.problem.RuleViolation;
import com.fieldops.platform.schedule.XeroSyncCron;
import com.fieldops.platform.security.CurrentUser;
import com.fieldops.query.organization.OrganizationSettingsReadRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The Xero sync log: one sync's progress, and the organisation's sync status. */
@RestController
@RequestMapping("/api/financials")
@Tag(name = "Financials")
@PreAuthorize("hasAnyRole('ADMIN', 'MANAGER', 'ANALYST')")
public class XeroSyncQueryController {

    static final int RECENT_SYNCS = 5;

    private final XeroSyncLogReadRepository syncs;
    private final OrganizationSettingsReadRepository settings;
    private final XeroSyncCron cron;

    public XeroSyncQueryController(XeroSyncLogReadRepository syncs, OrganizationSettingsReadRepository settings,
                                   XeroSyncCron cron) {
        this.syncs = syncs;
        this.settings = settings;
        this.cron = cron;
    }

    @GetMapping("/xero-sync/{syncId}")
    @Operation(summary = "One sync: status, progress, counts and per-record errors (admin, manager, analyst)")
    @ApiResponse(responseCode = "200", description = "The sync")
    @ApiResponse(responseCode = "404", description = "No such sync in the caller's organisation")
    public XeroSyncResource get(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser user,
                                @PathVariable UUID syncId) {
        return syncs.find(user, syncId).orElseThrow(() -> RuleViolation.notFound("xero sync " + syncId));
    }

    @GetMapping("/xero-sync-status")
    @Operation(summary = "The last finished sync, the 5 most recent and the next scheduled one (admin, manager, "
            + "analyst)")
    @ApiResponse(responseCode = "200", description = "The organisation's sync status")
    public XeroSyncStatus status(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser user) {
        ZoneId zone = ZoneId.of(settings.find(user).timezone());
        return syncs.status(user, RECENT_SYNCS, cron.nextAfter(Instant.now(), zone));
    }
}
