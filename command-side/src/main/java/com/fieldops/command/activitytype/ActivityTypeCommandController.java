package com.fieldops.command.activitytype;

import com.fasterxml.jackson.databind.JsonNode;
import static com.fieldops.command.messaging.ReadModelWait.ReadModel.ACTIVITY_TYPES;

import com.fieldops.command.messaging.ActorMetaData;
import com.fieldops.command.messaging.ReadModelWait;
import com.fieldops.platform.api.ActivityTypeResource;
import com.fieldops.platform.problem.RuleViolation;
import com.fieldops.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Commands on the price list. Each answers once the read model shows the change (read-your-writes). */
@RestController
@RequestMapping("/api/activity-types")
@Tag(name = "Activity types")
public class ActivityTypeCommandController {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ReadModelWait projection;

    public ActivityTypeCommandController(CommandGateway commands, QueryGateway queries,
                                         ReadModelWait projection) {
        this.commands = commands;
        this.queries = queries;
        this.projection = projection;
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Create an activity type (admin)")
    @ApiResponse(responseCode = "201", description = "Created; Location names the new type")
    @ApiResponse(responseCode = "400", description = "A field breaks a rule; errors lists each")
    @ApiResponse(responseCode = "409", description = "Name or xero_code already used in the organisation")
    public ResponseEntity<ActivityTypeResource> create(@RequestBody CreateActivityTypeRequest request,
                                                       @AuthenticationPrincipal CurrentUser user) {
        UUID id = UUID.randomUUID();
        ActivityTypeState created = commands.sendAndWait(ActorMetaData.command(new CreateActivityType(id,
                user.orgId(), request.name(), request.hourlyRate(), request.description(), request.xeroCode(),
                request.enabled() == null || request.enabled()), user));
        projection.awaitVersion(ACTIVITY_TYPES, id, created.version());
        return ResponseEntity.created(URI.create("/api/activity-types/" + id)).body(created.resource());
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Update an activity type (admin); any subset of the create fields",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = UpdateActivityTypeRequest.class))))
    @ApiResponse(responseCode = "200", description = "The updated type")
    @ApiResponse(responseCode = "400", description = "A field breaks a rule")
    @ApiResponse(responseCode = "404", description = "No such type in the caller's organisation")
    @ApiResponse(responseCode = "409", description = "Name or xero_code already used")
    @ApiResponse(responseCode = "422", description = "Name or rate of a Xero-managed type changes only in Xero")
    public ActivityTypeResource update(@PathVariable UUID id, @RequestBody JsonNode body,
                                       @AuthenticationPrincipal CurrentUser user) {
        ActivityTypeState state = commands.sendAndWait(ActorMetaData.command(
                UpdateActivityTypeRequest.toCommand(id, user.orgId(), body), user));
        projection.awaitVersion(ACTIVITY_TYPES, id, state.version());
        return state.resource();
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Disable an activity type (admin): a soft delete, history kept; PUT enabled=true restores it")
    @ApiResponse(responseCode = "200", description = "{\"success\":true}")
    @ApiResponse(responseCode = "404", description = "No such type in the caller's organisation")
    public Map<String, Boolean> delete(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser user) {
        ActivityTypeState state = commands.sendAndWait(ActorMetaData.command(
                new DisableActivityType(id, user.orgId()), user));
        projection.awaitVersion(ACTIVITY_TYPES, id, state.version());
        return Map.of("success", true);
    }

    @GetMapping("/{id}/history")
    @PreAuthorize("hasAnyRole('ADMIN', 'MANAGER')")
    @Operation(summary = "The type's audit trail, oldest first (admin, manager)")
    @ApiResponse(responseCode = "200", description = "Every change: who, when, old and new values")
    @ApiResponse(responseCode = "404", description = "No such type in the caller's organisation")
    public List<ActivityTypeHistoryEntry> history(@Parameter(description = "activity type id") @PathVariable UUID id,
                                                  @AuthenticationPrincipal CurrentUser user) {
        List<ActivityTypeHistoryEntry> history = queries.query(new FindActivityTypeHistory(id, user.orgId()),
                ResponseTypes.multipleInstancesOf(ActivityTypeHistoryEntry.class)).join();
        if (history.isEmpty()) throw RuleViolation.notFound("activity type " + id);
        return history;
    }
}
