package com.fieldops.xero.connection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** xero_connection: one row per organisation, secrets sealed with {@link SecretCipher} and bound to row and column. */
@Repository
class XeroConnectionStore {

    private final JdbcClient jdbc;
    private final SecretCipher cipher;

    XeroConnectionStore(JdbcClient jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    Optional<StoredConnection> find(UUID orgId) {
        return jdbc.sql("select * from xero_connection where org_id = ?").param(orgId).query(this::read).optional();
    }

    /** The row, locked until the transaction ends: refreshes of one connection queue here, in every process. */
    Optional<StoredConnection> lock(UUID orgId) {
        return jdbc.sql("select * from xero_connection where org_id = ? for update").param(orgId).query(this::read)
                .optional();
    }

    void save(StoredConnection c) {
        jdbc.sql("""
                insert into xero_connection (org_id, grant_type, status, tenant_id, tenant_name, client_id,
                    client_secret, access_token, access_token_expires_at, refresh_token, last_refresh_at, connected_at,
                    connected_by, disconnected_at, disconnected_reason)
                values (:org, :grant, :status, :tenant, :tenantName, :clientId, :clientSecret, :accessToken,
                    :expiresAt, :refreshToken, :lastRefreshAt, :connectedAt, :connectedBy, :disconnectedAt, :reason)
                on conflict (org_id) do update set grant_type = excluded.grant_type, status = excluded.status,
                    tenant_id = excluded.tenant_id, tenant_name = excluded.tenant_name,
                    client_id = excluded.client_id, client_secret = excluded.client_secret,
                    access_token = excluded.access_token,
                    access_token_expires_at = excluded.access_token_expires_at,
                    refresh_token = excluded.refresh_token, last_refresh_at = excluded.last_refresh_at,
                    connected_at = excluded.connected_at, connected_by = excluded.connected_by,
                    disconnected_at = excluded.disconnected_at, disconnected_reason = excluded.disconnected_reason
                """)
                .param("org", c.orgId())
                .param("grant", c.grant().oauthName())
                .param("status", c.connected() ? "connected" : "disconnected")
                .param("tenant", c.tenantId())
                .param("tenantName", c.tenantName())
                .param("clientId", c.clientId())
                .param("clientSecret", seal(c.clientSecret(), "client_secret", c.orgId()))
                .param("accessToken", seal(c.accessToken(), "access_token", c.orgId()))
                .param("expiresAt", utc(c.accessTokenExpiresAt()))
                .param("refreshToken", seal(c.refreshToken(), "refresh_token", c.orgId()))
                .param("lastRefreshAt", utc(c.lastRefreshAt()))
                .param("connectedAt", utc(c.connectedAt()))
                .param("connectedBy", c.connectedBy())
                .param("disconnectedAt", utc(c.disconnectedAt()))
                .param("reason", c.disconnectedReason())
                .update();
    }

    boolean delete(UUID orgId) {
        return jdbc.sql("delete from xero_connection where org_id = ?").param(orgId).update() > 0;
    }

    private StoredConnection read(ResultSet rs, int row) throws SQLException {
        UUID orgId = rs.getObject("org_id", UUID.class);
        XeroGrant grant = XeroGrant.fromOauthName(rs.getString("grant_type")).orElseThrow();
        boolean connected = "connected".equals(rs.getString("status"));
        Instant expiresAt = instant(rs.getTimestamp("access_token_expires_at"));
        Instant lastRefreshAt = instant(rs.getTimestamp("last_refresh_at"));
        Instant connectedAt = instant(rs.getTimestamp("connected_at"));
        UUID connectedBy = rs.getObject("connected_by", UUID.class);
        try {
            return new StoredConnection(orgId, grant, connected, rs.getString("tenant_id"), rs.getString("tenant_name"),
                    rs.getString("client_id"), open(rs.getBytes("client_secret"), "client_secret", orgId),
                    open(rs.getBytes("access_token"), "access_token", orgId), expiresAt,
                    open(rs.getBytes("refresh_token"), "refresh_token", orgId), lastRefreshAt, connectedAt,
                    connectedBy, instant(rs.getTimestamp("disconnected_at")), rs.getString("disconnected_reason"));
        } catch (SecretCipher.UndecryptableSecret e) {
            // sealed under another FIELDOPS_ENCRYPTION_KEY: unusable, so shown and treated as disconnected
            return new StoredConnection(orgId, grant, false, rs.getString("tenant_id"), rs.getString("tenant_name"),
                    rs.getString("client_id"), null, null, expiresAt, null, lastRefreshAt, connectedAt, connectedBy,
                    null, "its secrets cannot be decrypted with the current FIELDOPS_ENCRYPTION_KEY");
        }
    }

    private byte[] seal(String secret, String column, UUID orgId) {
        return secret == null ? null : cipher.encrypt(secret, context(column, orgId));
    }

    private String open(byte[] sealed, String column, UUID orgId) {
        return sealed == null ? null : cipher.decrypt(sealed, context(column, orgId));
    }

    /** Associated data of a sealed value: a ciphertext moved to another row or column does not decrypt. */
    private static String context(String column, UUID orgId) {
        return "xero_connection." + column + ":" + orgId;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
