package com.fieldops.query.organization;

import com.fieldops.platform.api.OrganizationSettingsResource;
import com.fieldops.platform.security.CurrentUser;
import com.fieldops.query.rls.RlsReads;
import java.time.OffsetDateTime;
import org.springframework.beans.factory.annotation.Value;
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
        return reads.as(caller, jdbc -> jdbc.sql("""
                        select timezone, currency, updated_at from organization_settings where org_id = :org""")
                .param("org", caller.orgId())
                .query((row, number) -> new OrganizationSettingsResource(row.getString("timezone"),
                        row.getString("currency"), row.getObject("updated_at", OffsetDateTime.class).toInstant()))
                .optional()
                .orElseGet(() -> new OrganizationSettingsResource(defaultTimezone, null, null)));
    }
}
