package com.fieldops.xero.connection;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fieldops.platform.problem.FieldMessage;
import com.fieldops.platform.problem.RuleViolation;
import com.fieldops.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The organisation's connection to Xero (admin only): connect, see it, disconnect. No response carries a secret. */
@RestController
@RequestMapping("/api/xero")
@Tag(name = "Xero connection")
@PreAuthorize("hasRole('ADMIN')")
public class XeroConnectionController {

    /** Longest client id and secret accepted (Xero's are 32 and 48 characters). */
    static final int MAX_CREDENTIAL_LENGTH = 200;

    private final XeroConnections connections;

    public XeroConnectionController(XeroConnections connections) {
        this.connections = connections;
    }

    /** Body of PUT /api/xero/connection: a custom connection's credentials. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CustomConnectionRequest(
            @Schema(description = "only client_credentials (a custom connection); the standard app connects through "
                    + "GET /api/xero/connect", example = "client_credentials") String grant,
            @Schema(description = "the custom connection's client id") String clientId,
            @Schema(description = "the custom connection's client secret; stored encrypted, never shown again")
            String clientSecret) {
    }

    /** Answer of GET /api/xero/connect. */
    public record AuthorizeUrl(@Schema(description = "send the admin's browser here; Xero returns to "
            + "FIELDOPS_XERO_REDIRECT_URI with code and state") URI authorizeUrl) {
    }

    @PutMapping("/connection")
    @Operation(summary = "Connect the organisation with a Xero custom connection (admin)",
            description = "Proves the credentials by fetching a token, looks the tenant up and stores the connection "
                    + "with its secrets encrypted. Replaces an existing connection.")
    @ApiResponse(responseCode = "200", description = "Connected")
    @ApiResponse(responseCode = "400", description = "Missing or malformed fields, or Xero refused the credentials; "
            + "nothing is stored")
    @ApiResponse(responseCode = "502", description = "Xero did not answer; nothing is stored")
    public XeroConnectionStatus connect(@RequestBody CustomConnectionRequest request,
                                        @AuthenticationPrincipal CurrentUser user) {
        List<FieldMessage> errors = new ArrayList<>();
        if (!"client_credentials".equals(request.grant())) {
            errors.add(new FieldMessage("grant", "must be client_credentials; the standard app connects through "
                    + "GET /api/xero/connect"));
        }
        requireCredential(request.clientId(), "client_id", errors);
        requireCredential(request.clientSecret(), "client_secret", errors);
        if (!errors.isEmpty()) throw RuleViolation.invalid(errors);
        return connections.connectCustom(user, request.clientId().trim(), request.clientSecret().trim());
    }

    @GetMapping("/connect")
    @Operation(summary = "Start connecting the standard Xero app (admin): where to send the browser",
            description = "The state in the URL is bound to this admin and organisation, used once, and expires "
                    + "after 10 minutes.")
    @ApiResponse(responseCode = "200", description = "The authorize URL")
    @ApiResponse(responseCode = "503", description = "The Xero app is not configured on this server")
    public AuthorizeUrl authorize(@AuthenticationPrincipal CurrentUser user) {
        return new AuthorizeUrl(connections.authorizeUrl(user));
    }

    @GetMapping("/callback")
    @Operation(summary = "Finish connecting the standard Xero app (admin)",
            description = "The frontend page at FIELDOPS_XERO_REDIRECT_URI forwards Xero's code and state here with "
                    + "the admin's token; the code is exchanged and the tenant and tokens stored.")
    @ApiResponse(responseCode = "200", description = "Connected")
    @ApiResponse(responseCode = "400", description = "Missing code or state; a state unknown, expired, used or "
            + "another user's; or Xero refused the code. Nothing is stored")
    @ApiResponse(responseCode = "502", description = "Xero did not answer; nothing is stored")
    public XeroConnectionStatus callback(@RequestParam(required = false) String code,
                                         @RequestParam(required = false) String state,
                                         @AuthenticationPrincipal CurrentUser user) {
        List<FieldMessage> errors = new ArrayList<>();
        requireCredential(code, "code", errors);
        requireCredential(state, "state", errors);
        if (!errors.isEmpty()) throw RuleViolation.invalid(errors);
        return connections.completeAuthorization(user, code, state);
    }

    @GetMapping("/connection")
    @Operation(summary = "The organisation's Xero connection (admin)")
    @ApiResponse(responseCode = "200", description = "Its status; not_connected when there is none")
    public XeroConnectionStatus status(@AuthenticationPrincipal CurrentUser user) {
        return connections.status(user.orgId());
    }

    @DeleteMapping("/connection")
    @Operation(summary = "Disconnect Xero (admin)", description = "Revokes the refresh token at Xero where there "
            + "is one, then forgets the connection and its secrets.")
    @ApiResponse(responseCode = "200", description = "Disconnected")
    @ApiResponse(responseCode = "404", description = "There is no connection")
    @ApiResponse(responseCode = "502", description = "Xero's revocation did not answer; the connection is kept")
    public Map<String, Boolean> disconnect(@AuthenticationPrincipal CurrentUser user) {
        connections.disconnect(user);
        return Map.of("success", true);
    }

    private static void requireCredential(String value, String field, List<FieldMessage> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldMessage(field, "is required"));
        } else if (value.length() > MAX_CREDENTIAL_LENGTH) {
            errors.add(new FieldMessage(field, "must be at most " + MAX_CREDENTIAL_LENGTH + " characters"));
        }
    }
}
