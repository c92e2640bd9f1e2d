package com.fieldops.command.timesheet;

import static com.fieldops.command.messaging.ReadModelWait.ReadModel.TIMESHEETS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fieldops.command.messaging.ActorMetaData;
import com.fieldops.command.messaging.ReadModelWait;
import com.fieldops.command.timesheet.TimesheetCommands.Actor;
import com.fieldops.events.timesheet.TimesheetSnapshot;
import com.fieldops.platform.api.TimesheetResource;
import com.fieldops.platform.security.AppRole;
import com.fieldops.platform.security.CurrentUser;
import com.fieldops.platform.web.PartialBody;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Logging, editing, submitting, approving and rejecting time. Each answers once the read model shows it. */
@RestController
@RequestMapping("/api/timesheets")
@Tag(name = "Timesheets")
@ApiResponse(responseCode = "404", description = "No such timesheet in the caller's organisation")
@ApiResponse(responseCode = "409", description = "Not allowed in the entry's status, or over 24 hours on a day")
public class TimesheetCommandController {

    private static final Set<String> EDITABLE = Set.of("job_id", "activity_type_id", "work_date", "hours", "notes");

    private final CommandGateway commands;
    private final ReadModelWait readModel;

    public TimesheetCommandController(CommandGateway commands, ReadModelWait readModel) {
        this.commands = commands;
        this.readModel = readModel;
    }

    /** Body of POST /api/timesheets. user_id: a manager's team member or, for an admin, anyone; else oneself. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CreateTimesheetRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID jobId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID activityTypeId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "2026-01-23",
                    description = "no later than tomorrow in the organisation's timezone") LocalDate workDate,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "3.5", exclusiveMinimum = true,
                    minimum = "0", maximum = "24", multipleOf = 0.01) BigDecimal hours,
            @Schema(maxLength = 2000) String notes,
            @Schema(description = "log for this person (manager: a team member; admin: anyone)") UUID userId,
            @Schema(description = "display name of user_id when logging for someone else") String userName,
            @Schema(description = "admin only: the team of user_id") UUID teamId) {
    }

    /** Body of POST /api/timesheets/{id}/reject. */
    public record RejectRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 1000) String reason) {
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('TECHNICIAN', 'MANAGER', 'ADMIN')")
    @Operation(summary = "Log time: a draft entry (technician for themself, manager for the team, admin for anyone)")
    @ApiResponse(responseCode = "201", description = "The draft")
    @ApiResponse(responseCode = "400", description = "A field breaks a rule")
    public ResponseEntity<TimesheetResource> create(@RequestBody CreateTimesheetRequest request,
                                                    @AuthenticationPrincipal CurrentUser user) {
        UUID id = UUID.randomUUID();
        boolean forSomeoneElse = request.userId() != null && !request.userId().equals(user.userId());
        UUID owner = forSomeoneElse ? request.userId() : user.userId();
        String ownerName = forSomeoneElse ? request.userName() : user.displayName();
        // a manager logs for their own team; only an admin places an entry in another team
        UUID team = forSomeoneElse && user.is(AppRole.ADMIN) ? request.teamId() : user.teamId();
        TimesheetResult result = send(new TimesheetCommands.CreateTimesheet(id, user.orgId(), actor(user), owner,
                ownerName, team, request.jobId(), request.activityTypeId(), request.workDate(), request.hours(),
                request.notes()), user);
        return ResponseEntity.created(URI.create("/api/timesheets/" + id)).body(resource(result.timesheet()));
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasAnyRole('TECHNICIAN', 'MANAGER', 'ADMIN')")
    @Operation(summary = "Edit one's own draft or rejected entry; any subset of the create fields",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = CreateTimesheetRequest.class))))
    @ApiResponse(responseCode = "200", description = "The entry")
    @ApiResponse(responseCode = "400", description = "A field breaks a rule")
    public TimesheetResource update(@PathVariable UUID id, @RequestBody JsonNode body,
                                    @AuthenticationPrincipal CurrentUser user) {
        PartialBody fields = PartialBody.of(body, EDITABLE);
        UUID job = fields.uuid("job_id");
        UUID activityType = fields.uuid("activity_type_id");
        LocalDate workDate = fields.date("work_date");
        BigDecimal hours = fields.number("hours");
        String notes = fields.text("notes", true);
        return resource(send(new TimesheetCommands.UpdateTimesheet(id, user.orgId(), actor(user), fields.validated(),
                job, activityType, workDate, hours, notes), user).timesheet());
    }

    @PostMapping("/{id}/submit")
    @PreAuthorize("hasAnyRole('TECHNICIAN', 'MANAGER', 'ADMIN')")
    @Operation(summary = "Submit one's own entry: it takes the activity type's current rate")
    @ApiResponse(responseCode = "200", description = "The submitted entry with its rate and amount")
    public TimesheetResource submit(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser user) {
        return resource(send(new TimesheetCommands.SubmitTimesheet(id, user.orgId(), actor(user)), user).timesheet());
    }

    @PostMapping("/{id}/approve")
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN')")
    @Operation(summary = "Approve a submitted entry (the owner's team manager or an admin, never the owner)")
    @ApiResponse(responseCode = "200", description = "The approved entry, locked from now on")
    public TimesheetResource approve(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser user) {
        return resource(send(new TimesheetCommands.ApproveTimesheet(id, user.orgId(), actor(user)), user).timesheet());
    }

    @PostMapping("/{id}/reject")
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN')")
    @Operation(summary = "Reject a submitted entry with a reason; the owner may edit and submit it again")
    @ApiResponse(responseCode = "200", description = "The rejected entry")
    @ApiResponse(responseCode = "400", description = "No reason given")
    public TimesheetResource reject(@Parameter(description = "timesheet id") @PathVariable UUID id,
                                    @RequestBody RejectRequest request, @AuthenticationPrincipal CurrentUser user) {
        return resource(send(new TimesheetCommands.RejectTimesheet(id, user.orgId(), actor(user), request.reason()),
                user).timesheet());
    }

    private TimesheetResult send(Object command, CurrentUser user) {
        TimesheetResult result = commands.sendAndWait(ActorMetaData.command(command, user));
        readModel.awaitVersion(TIMESHEETS, result.timesheet().id(), result.version());
        return result;
    }

    private static Actor actor(CurrentUser user) {
        return new Actor(user.userId(), user.displayName(), user.role().claim(), user.teamId());
    }

    static TimesheetResource resource(TimesheetSnapshot entry) {
        return new TimesheetResource(entry.id(), entry.userId(), entry.userName(), entry.teamId(), entry.jobId(),
                entry.activityTypeId(), entry.activityTypeName(), entry.workDate(), entry.hours(), entry.hourlyRate(),
                entry.amount(), entry.status(), entry.notes(), entry.submittedAt(), entry.approvedBy(),
                entry.approvedAt(), entry.rejectedReason(), entry.createdAt(), entry.updatedAt());
    }
}
