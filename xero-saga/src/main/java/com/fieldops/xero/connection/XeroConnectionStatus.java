package com.fieldops.xero.connection;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** The organisation's Xero connection as the API shows it: never a secret. */
@Schema(description = "The organisation's Xero connection (no secrets)")
public record XeroConnectionStatus(
        @Schema(description = "true while calls to Xero can be made") boolean connected,
        @Schema(description = "connected, disconnected (Xero refused the grant: reconnect) or not_connected",
                example = "connected") String status,
        @Schema(description = "Xero tenant (organisation) id") String tenantId,
        @Schema(example = "Demo Company (NZ)") String tenantName,
        @Schema(description = "client_credentials (custom connection) or authorization_code (standard app)")
        String grant,
        @Schema(description = "when the access token was last refreshed") Instant lastRefreshAt,
        Instant connectedAt,
        @Schema(description = "why the connection was disconnected, when it was") String disconnectedReason) {

    static XeroConnectionStatus notConnected() {
        return new XeroConnectionStatus(false, "not_connected", null, null, null, null, null, null);
    }
}
