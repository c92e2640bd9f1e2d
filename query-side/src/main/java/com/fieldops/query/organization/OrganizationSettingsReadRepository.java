package com.fieldops.query.organization;

import com.fieldops.platform.api.OrganizationSettingsResource;
import com.fieldops.platform.security.CurrentUser;
import com.fieldops.query.rls.RlsReads;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The caller's organisation's settings, or the defaults until an admin set them. */
@Component
public class OrganizationSettingsReadRepository {

    private final RlsReads reads;
    private final String defaultTimezone;

    public OrganizationSettingsReadRepository(RlsReads reads,
                                              @Value("${fieldops.default-timezone:UTC}") String defaultTimezone) {
        this.reads = reads;
        this.defaultTimezone = defaultTimezone;
    }

    public OrganizationSettingsResource find(CurrentUser caller) {
        return reads.optional(caller,
                        "select timezone, currency, updated_at from organization_settings where org_id = :org",
                        Map.of("org", caller.orgId()),
                        (row, number) -> new OrganizationSettingsResource(row.getString("timezone"),
                                row.getString("currency"),
                                row.getObject("updated_at", OffsetDateTime.class).toInstant()))
                .orElseGet(() -> new OrganizationSettingsResource(defaultTimezone, null, null));
    }

    /** The caller's organisation's timezone (see {@link #zoneOf(JdbcClient, UUID)}), read on its own. */
    public ZoneId zoneOf(CurrentUser caller) {
        return ZoneId.of(find(caller).timezone());
    }

    /**
     * The organisation's timezone, in which its today and this month are counted, read with {@code db} inside a
     * read the caller runs ({@link RlsReads#as}); the default until an admin set one.
     */
    public ZoneId zoneOf(JdbcClient db, UUID orgId) {
        return ZoneId.of(db.sql("select timezone from organization_settings where org_id = :org")
                .param("org", orgId).query(String.class).optional().orElse(defaultTimezone));
    }
}
