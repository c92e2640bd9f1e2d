package com.fieldops.command.organization;

import static com.fieldops.command.messaging.ReadModelWait.ReadModel.ORGANIZATION_SETTINGS;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fieldops.command.messaging.ActorMetaData;
import com.fieldops.command.messaging.ReadModelWait;
import com.fieldops.platform.api.OrganizationSettingsResource;
import com.fieldops.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The organisation's own settings: today and this month are counted in its timezone. */
@RestController
@RequestMapping("/api/organization/settings")
@Tag(name = "Organization")
public class OrganizationSettingsController {

    private final CommandGateway commands;
    private final ReadModelWait readModel;

    public OrganizationSettingsController(CommandGateway commands, ReadModelWait readModel) {
        this.commands = commands;
        this.readModel = readModel;
    }

    /** Body of PUT /api/organization/settings: either field or both. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ChangeSettingsRequest(@Schema(example = "Pacific/Auckland", description = "IANA time zone")
                                        String timezone,
                                        @Schema(example = "NZD", description = "ISO 4217 code") String currency) {
    }

    @PutMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Set the organisation's timezone and/or currency (admin)")
    @ApiResponse(responseCode = "200", description = "The settings now in force")
    @ApiResponse(responseCode = "400", description = "Not an IANA zone, not an ISO 4217 code, or neither sent")
    public OrganizationSettingsResource change(@RequestBody ChangeSettingsRequest request,
                                               @AuthenticationPrincipal CurrentUser user) {
        OrganizationSettingsState state = commands.sendAndWait(ActorMetaData.command(
                new ChangeOrganizationSettings(user.orgId(), request.timezone(), request.currency()), user));
        readModel.awaitVersion(ORGANIZATION_SETTINGS, user.orgId(), state.version());
        return state.resource();
    }
}
