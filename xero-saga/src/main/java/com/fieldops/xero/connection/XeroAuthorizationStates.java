package com.fieldops.xero.connection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code state} of the authorization code flow: 256 random bits, bound to the organisation and user who asked,
 * single use and expiring. Stored (as its SHA-256 only) rather than signed, so using it deletes it in every process.
 */
@Repository
class XeroAuthorizationStates {

    static final Duration LIFETIME = Duration.ofMinutes(10);

    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();

    XeroAuthorizationStates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String issue(UUID orgId, UUID userId) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("delete from xero_oauth_state where expires_at < ?").param(now).update();
        jdbc.sql("insert into xero_oauth_state (state_hash, org_id, user_id, expires_at) values (?, ?, ?, ?)")
                .params(hash(state), orgId, userId, now.plus(LIFETIME)).update();
        return state;
    }

    /** True once for a state issued to this user of this organisation that has not expired; it is used up then. */
    boolean consume(String state, UUID orgId, UUID userId) {
        return jdbc.sql("delete from xero_oauth_state where state_hash = ? and org_id = ? and user_id = ? "
                        + "and expires_at > ?")
                .params(hash(state), orgId, userId, OffsetDateTime.now(ZoneOffset.UTC)).update() == 1;
    }

    private static byte[] hash(String state) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(state.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
