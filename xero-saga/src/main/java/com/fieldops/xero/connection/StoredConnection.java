package com.fieldops.xero.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * An organisation's connection as stored, secrets decrypted (they live in memory only for the call that needs them;
 * {@link #toString()} never shows them). {@code clientSecret} only for a custom connection, {@code refreshToken} only
 * for the code flow.
 */
record StoredConnection(UUID orgId, XeroGrant grant, boolean connected, String tenantId, String tenantName,
                      String clientId, String clientSecret, String accessToken, Instant accessTokenExpiresAt,
                      String refreshToken, Instant lastRefreshAt, Instant connectedAt, UUID connectedBy,
                      Instant disconnectedAt, String disconnectedReason) {

    /** A token this close to its expiry is refreshed before use, so a call never starts with a dying token. */
    static final Duration REFRESH_MARGIN = Duration.ofMinutes(2);

    boolean tokenFresh(Instant now) {
        return accessTokenExpiresAt.isAfter(now.plus(REFRESH_MARGIN));
    }

    XeroAccess access() {
        return new XeroAccess(tenantId, accessToken);
    }

    /** After a refresh: Xero rotates the refresh token (a client credentials grant has none). */
    StoredConnection refreshed(XeroIdentity.Tokens tokens, Instant now) {
        return new StoredConnection(orgId, grant, true, tenantId, tenantName, clientId, clientSecret,
                tokens.accessToken(), now.plusSeconds(tokens.expiresIn()),
                tokens.refreshToken() != null ? tokens.refreshToken() : refreshToken, now, connectedAt, connectedBy,
                null, null);
    }

    /** Xero refused the grant: no call is made with it again until an admin connects anew. */
    StoredConnection disconnected(Instant now, String reason) {
        return new StoredConnection(orgId, grant, false, tenantId, tenantName, clientId, clientSecret, accessToken,
                accessTokenExpiresAt, refreshToken, lastRefreshAt, connectedAt, connectedBy, now, reason);
    }

    XeroConnectionStatus status() {
        return new XeroConnectionStatus(connected, connected ? "connected" : "disconnected", tenantId, tenantName,
                grant.oauthName(), lastRefreshAt, connectedAt, disconnectedReason);
    }

    @Override
    public String toString() {
        return "StoredConnection[orgId=" + orgId + ", grant=" + grant + ", connected=" + connected + ", tenantId="
                + tenantId + ", secrets=<hidden>]";
    }
}
