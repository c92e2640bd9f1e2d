package com.fieldops.query.organization;

import com.fieldops.platform.api.OrganizationSettingsResource;
import com.fieldops.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/organization/settings")
@Tag(name = "Organization")
public class OrganizationSettingsQueryController {

    private final OrganizationSettingsReadRepository settings;

    public OrganizationSettingsQueryController(OrganizationSettingsReadRepository settings) {
        this.settings = settings;
    }

    @GetMapping
    @Operation(summary = "The organisation's timezone and currency (any role)")
    @ApiResponse(responseCode = "200", description = "The settings, or the defaults until an admin set them")
    public OrganizationSettingsResource get(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser user) {
        return settings.find(user);
    }
}
