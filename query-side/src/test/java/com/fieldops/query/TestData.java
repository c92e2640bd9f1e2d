package com.fieldops.query;

import com.fieldops.platform.security.AppRole;
import com.fieldops.platform.security.JwtSecret;
import com.fieldops.platform.security.TokenIssuer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Rows written straight into the read model (as the table owner, past RLS) and tokens for its readers. */
public final class TestData {

    public static final TokenIssuer TOKENS = new TokenIssuer(new JwtSecret(QuerySideTest.JWT_SECRET, false));
    public static final Instant CREATED = Instant.parse("2026-01-23T14:30:00Z");

    private TestData() {
    }

    public static UUID insertActivityType(JdbcClient jdbc, UUID org, String name, String rate, boolean enabled) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into activity_types (id, org_id, name, hourly_rate, description, xero_code, xero_managed,
                                                    enabled, created_at, updated_at, version)
                        values (?, ?, ?, ?, ?, ?, false, ?, ?, ?, 0)""")
                .params(id, org, name, new BigDecimal(rate), name + " work", null, enabled,
                        CREATED.atOffset(ZoneOffset.UTC), CREATED.plusSeconds(90).atOffset(ZoneOffset.UTC))
                .update();
        return id;
    }

    public static String token(UUID org, AppRole role) {
        return TOKENS.issue(new TokenIssuer.Subject(UUID.randomUUID(), org, role, null,
                role.claim() + "@acme.test", "Test " + role.claim()), Duration.ofMinutes(10));
    }

    public static String bearer(UUID org, AppRole role) {
        return "Bearer " + token(org, role);
    }
}
