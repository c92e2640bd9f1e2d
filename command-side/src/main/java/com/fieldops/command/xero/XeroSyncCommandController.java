package com.fieldops.command.xero;

import static com.fieldops.command.messaging.ReadModelWait.ReadModel.XERO_SYNC_LOG;

import com.fieldops.command.messaging.ActorMetaData;
import com.fieldops.command.messaging.ReadModelWait;
import com.fieldops.events.xero.XeroSyncError;
import com.fieldops.platform.problem.Problems;
import com.fieldops.platform.problem.RuleViolation;
import com.fieldops.platform.security.CurrentUser;
import com.fieldops.xero.XeroNotConnected;
import com.fieldops.xero.sync.XeroConnectionStatus;
import com.fieldops.xero.sync.XeroSyncCommands.RequestXeroSync;
import com.fieldops.xero.sync.XeroSyncMode;
import com.fieldops.xero.sync.XeroSyncState;
import com.fieldops.xero.sync.XeroSyncTrigger;
import com.fieldops.xero.sync.XeroSyncType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Asking for Xero syncs (admin). The sync saga does the work; a request answers once the sync is in the log
 * (read-your-writes), with the pending or running sync of that type when there is one already.
 */
@RestController
@PreAuthorize("hasRole('ADMIN')")
public class XeroSyncCommandController {

    private static final String NOT_CONNECTED = "Xero is not connected for this organisation (or must be reconnected): "
            + "no sync is requested";

    private final CommandGateway commands;
    private final ReadModelWait readModel;
    private final XeroSyncOutcomes outcomes;
    private final XeroConnectionStatus connections;
    private final Duration itemsSyncWait;

    public XeroSyncCommandController(CommandGateway commands, ReadModelWait readModel, XeroSyncOutcomes outcomes,
                                     XeroConnectionStatus connections,
                                     @Value("${fieldops.xero.items-sync-wait:30s}") Duration itemsSyncWait) {
        this.commands = commands;
        this.readModel = readModel;
        this.outcomes = outcomes;
        this.connections = connections;
        this.itemsSyncWait = itemsSyncWait;
    }

    /** Body of POST /api/financials/xero-sync. */
    public record SyncRequest(@Schema(allowableValues = {"activity_types", "invoices", "contacts", "payments", "all"},
            defaultValue = "all") String type) {
    }

    /** A requested sync: pending, or running when a sync of that type was already under way. */
    public record SyncAccepted(UUID syncId, @Schema(allowableValues = {"pending", "running"}) String status) {
    }

    /** The items sync's result: records synced (looked at), activity types created and updated, per-item errors. */
    public record ItemsSynced(UUID syncId, int synced, int created, int updated, List<XeroSyncError> errors) {
    }

    @PostMapping("/api/financials/xero-sync")
    @Tag(name = "Financials")
    @Operation(summary = "Start a Xero sync (admin); its progress is at GET /api/financials/xero-sync/{syncId}")
    @ApiResponse(responseCode = "202", description = "The sync, pending (or the one of that type already running)")
    @ApiResponse(responseCode = "400", description = "Not a sync type")
    @ApiResponse(responseCode = "409", description = NOT_CONNECTED)
    public ResponseEntity<SyncAccepted> request(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "type defaults to all")
            @RequestBody(required = false) SyncRequest body,
            @Parameter(hidden = true) @AuthenticationPrincipal CurrentUser user) {
        XeroSyncType type = body == null || body.type() == null ? XeroSyncType.ALL
                : XeroSyncType.of(body.type()).orElseThrow(() ->
                        RuleViolation.invalid("type", "must be one of " + XeroSyncType.labels()));
        XeroSyncState sync = requestSync(type, XeroSyncTrigger.API, user);
        return ResponseEntity.accepted().body(new SyncAccepted(sync.syncId(), sync.status()));
    }

    @PostMapping("/api/activity-types/sync-from-xero")
    @Tag(name = "Activity types")
    @Operation(summary = "Sync the price list from Xero's Items (admin): answers when the sync has finished, or "
            + "202 with the syncId when it takes longer than 30 s")
    @ApiResponse(responseCode = "200", description = "The items sync finished (success or partial)",
            content = @Content(schema = @Schema(implementation = ItemsSynced.class)))
    @ApiResponse(responseCode = "202",
            description = "Still running: follow it at GET /api/financials/xero-sync/{syncId}",
            content = @Content(schema = @Schema(implementation = SyncAccepted.class)))
    @ApiResponse(responseCode = "409", description = NOT_CONNECTED)
    @ApiResponse(responseCode = "502", description = "The sync failed; detail says why (e.g. reconnect Xero)",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    public ResponseEntity<Object> syncActivityTypes(
            @Parameter(hidden = true) @AuthenticationPrincipal CurrentUser user) {
        XeroSyncState sync = requestSync(XeroSyncType.ACTIVITY_TYPES, XeroSyncTrigger.ACTIVITY_TYPES_ENDPOINT, user);
        Optional<XeroSyncOutcomes.Outcome> outcome = outcomes.awaitFinished(sync.syncId(), itemsSyncWait);
        if (outcome.isEmpty()) return ResponseEntity.accepted().body(new SyncAccepted(sync.syncId(), sync.status()));
        XeroSyncOutcomes.Outcome finished = outcome.get();
        if (XeroSyncState.ERROR.equals(finished.status())) {
            ProblemDetail problem = Problems.of(HttpStatus.BAD_GATEWAY, "xero-sync-failed",
                    "The items sync failed: " + finished.error());
            problem.setProperty("syncId", sync.syncId());
            return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(problem);
        }
        return ResponseEntity.ok(new ItemsSynced(sync.syncId(), finished.processed(), finished.created(),
                finished.updated(), finished.errors()));
    }

    /** A sync an admin asks for without a connection could only fail: refused before it is requested. */
    private XeroSyncState requestSync(XeroSyncType type, XeroSyncTrigger trigger, CurrentUser user) {
        if (!connections.connected(user.orgId())) throw new XeroNotConnected();
        XeroSyncState sync = commands.sendAndWait(ActorMetaData.command(new RequestXeroSync(UUID.randomUUID(),
                user.orgId(), type, trigger, XeroSyncMode.FULL), user));
        readModel.awaitVersion(XERO_SYNC_LOG, sync.syncId(), sync.version());
        return sync;
    }
}
