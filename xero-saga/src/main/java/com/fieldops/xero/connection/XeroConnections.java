package com.fieldops.xero.connection;

import com.fieldops.platform.problem.FieldMessage;
import com.fieldops.platform.problem.RuleViolation;
import com.fieldops.platform.security.CurrentUser;
import com.fieldops.xero.XeroNotConnected;
import com.fieldops.xero.XeroReconnectRequired;
import com.fieldops.xero.XeroSettings;
import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Each organisation's connection to Xero: connecting (custom connection or the standard app's code flow), the
 * access token every call needs (refreshed before expiry, one refresh per connection at a time across processes),
 * and disconnecting.
 */
@Service
public class XeroConnections {

    private static final Logger log = LoggerFactory.getLogger(XeroConnections.class);
    /** What the standard app asks for: offline_access brings the refresh token. */
    static final String SCOPES = "openid profile email offline_access accounting.settings accounting.transactions "
            + "accounting.contacts";

    private final XeroSettings settings;
    private final XeroIdentity identity;
    private final XeroConnectionStore store;
    private final XeroAuthorizationStates states;
    private final XeroConnectionHistory history;
    private final TransactionTemplate transaction;

    public XeroConnections(XeroSettings settings, XeroIdentity identity, XeroConnectionStore store,
                           XeroAuthorizationStates states, XeroConnectionHistory history,
                           PlatformTransactionManager transactions) {
        this.settings = settings;
        this.identity = identity;
        this.store = store;
        this.states = states;
        this.history = history;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** A custom connection: the credentials are proven by fetching a token, then the tenant is looked up. */
    public XeroConnectionStatus connectCustom(CurrentUser admin, String clientId, String clientSecret) {
        XeroIdentity.Tokens tokens;
        try {
            tokens = identity.clientCredentials(clientId, clientSecret);
        } catch (XeroIdentity.GrantRejected e) {
            throw new RuleViolation(RuleViolation.Kind.INVALID, "Xero refused these client credentials ("
                    + e.error() + ")", List.of(new FieldMessage("client_secret",
                    "Xero refused the client id and secret (" + e.error() + ")")));
        }
        return connect(admin, XeroGrant.CLIENT_CREDENTIALS, clientId, clientSecret, tokens);
    }

    /** Where to send the admin to authorise the standard app; the state comes back to {@link #completeAuthorization}. */
    public URI authorizeUrl(CurrentUser admin) {
        requireCodeFlow();
        return UriComponentsBuilder.fromUriString(settings.loginUrl() + "/identity/connect/authorize")
                .queryParam("response_type", "code")
                .queryParam("client_id", settings.clientId())
                .queryParam("redirect_uri", settings.redirectUri())
                .queryParam("scope", SCOPES)
                .queryParam("state", states.issue(admin.orgId(), admin.userId()))
                .encode().build().toUri();
    }

    /** Xero sent the admin back with a code: exchanged for tokens once the state proves it is this admin's. */
    public XeroConnectionStatus completeAuthorization(CurrentUser admin, String code, String state) {
        requireCodeFlow();
        if (!states.consume(state, admin.orgId(), admin.userId())) {
            throw RuleViolation.invalid("state", "is unknown, expired, already used or not issued to you: "
                    + "start again with GET /api/xero/connect");
        }
        XeroIdentity.Tokens tokens;
        try {
            tokens = identity.authorizationCode(code);
        } catch (XeroIdentity.GrantRejected e) {
            throw RuleViolation.invalid("code", "Xero refused the authorization code (" + e.error()
                    + "): start again with GET /api/xero/connect");
        }
        if (tokens.refreshToken() == null) {
            throw RuleViolation.invalid("code", "Xero granted no refresh token (offline_access was not granted)");
        }
        return connect(admin, XeroGrant.AUTHORIZATION_CODE, settings.clientId(), null, tokens);
    }

    public XeroConnectionStatus status(UUID orgId) {
        return store.find(orgId).map(StoredConnection::status).orElseGet(XeroConnectionStatus::notConnected);
    }

    /** Revokes the refresh token at Xero (where there is one), then forgets the connection. */
    public void disconnect(CurrentUser admin) {
        StoredConnection connection = store.find(admin.orgId()).orElseThrow(() -> RuleViolation.notFound(
                "Xero connection"));
        if (connection.refreshToken() != null) identity.revoke(connection.refreshToken());
        transaction.executeWithoutResult(tx -> {
            store.delete(admin.orgId());
            history.disconnectedByAdmin(admin, connection);
        });
        log.info("Xero connection of organisation {} (tenant {}) removed by {}", admin.orgId(), connection.tenantId(),
                admin.userId());
    }

    /** Tenant and access token for a call, refreshed first when it is close to expiry. */
    public XeroAccess access(UUID orgId) {
        StoredConnection connection = store.find(orgId).orElseThrow(XeroNotConnected::new);
        if (!connection.connected()) throw new XeroReconnectRequired(connection.disconnectedReason());
        if (connection.tokenFresh(Instant.now())) return connection.access();
        return refresh(orgId, null);
    }

    /** Xero answered 401 to {@code rejectedToken}: a new token, unless another call already got one meanwhile. */
    public XeroAccess accessAfterRejection(UUID orgId, String rejectedToken) {
        return refresh(orgId, rejectedToken);
    }

    /**
     * Under the connection's row lock: whoever waited re-reads the row, and uses what another process refreshed
     * meanwhile instead of refreshing again (two refreshes with one refresh token invalidate each other). The lock is
     * held across the call to Xero's token endpoint, bounded by the HTTP timeout.
     */
    private XeroAccess refresh(UUID orgId, String rejectedToken) {
        StoredConnection result = transaction.execute(tx -> {
            StoredConnection connection = store.lock(orgId).orElseThrow(XeroNotConnected::new);
            if (!connection.connected()) return connection;
            Instant now = Instant.now();
            boolean refreshedMeanwhile = rejectedToken == null ? connection.tokenFresh(now)
                    : !rejectedToken.equals(connection.accessToken());
            if (refreshedMeanwhile) return connection;
            StoredConnection next;
            try {
                next = connection.refreshed(connection.grant() == XeroGrant.CLIENT_CREDENTIALS
                        ? identity.clientCredentials(connection.clientId(), connection.clientSecret())
                        : identity.refresh(connection.refreshToken()), now);
            } catch (XeroIdentity.GrantRejected e) {
                log.warn("Xero refused the grant of organisation {} ({}): disconnected until an admin reconnects",
                        orgId, e.error());
                next = connection.disconnected(now, "Xero refused the stored grant: " + e.error());
                history.grantRejected(next);
            }
            store.save(next);
            return next;
        });
        if (!result.connected()) throw new XeroReconnectRequired(result.disconnectedReason());
        return result.access();
    }

    private XeroConnectionStatus connect(CurrentUser admin, XeroGrant grant, String clientId, String clientSecret,
                                         XeroIdentity.Tokens tokens) {
        XeroIdentity.Tenant tenant = identity.connections(tokens.accessToken()).stream()
                .max(Comparator.comparing(XeroIdentity.Tenant::updatedDateUtc,
                        Comparator.nullsFirst(Comparator.naturalOrder())))
                .orElseThrow(() -> RuleViolation.invalid("client_id",
                        "the Xero connection reaches no organisation: connect an organisation to the app in Xero"));
        Instant now = Instant.now();
        StoredConnection connection = new StoredConnection(admin.orgId(), grant, true, tenant.tenantId(),
                tenant.tenantName(), clientId, clientSecret, tokens.accessToken(), now.plusSeconds(tokens.expiresIn()),
                tokens.refreshToken(), now, now, admin.userId(), null, null);
        transaction.executeWithoutResult(tx -> {
            store.save(connection);
            history.connected(admin, connection);
        });
        log.info("organisation {} connected to Xero tenant {} ({}) by {}", admin.orgId(), tenant.tenantId(),
                grant.oauthName(), admin.userId());
        return connection.status();
    }

    private void requireCodeFlow() {
        if (!settings.codeFlowConfigured()) {
            throw new XeroCodeFlowNotConfigured();
        }
    }

    /** The standard app's credentials are not set on this server: a custom connection still works. */
    public static class XeroCodeFlowNotConfigured extends RuntimeException {
        XeroCodeFlowNotConfigured() {
            super("The Xero app is not configured on this server (FIELDOPS_XERO_CLIENT_ID, _CLIENT_SECRET, "
                    + "_REDIRECT_URI): use a custom connection (PUT /api/xero/connection) or ask the operator");
        }
    }
}
