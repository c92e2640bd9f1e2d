package com.fieldops.command.xero;

import com.fieldops.xero.sync.XeroTenantDirectory;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tenant to organisation from {@code xero_tenant_org}, until the Xero connection (which stores each organisation's
 * tenant) answers {@link XeroTenantDirectory} itself; then this class and its table go.
 */
@Component
public class XeroTenantOrgTable implements XeroTenantDirectory {

    private final JdbcClient jdbc;

    public XeroTenantOrgTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<UUID> organizationOf(String tenantId) {
        return jdbc.sql("select org_id from xero_tenant_org where tenant_id = :tenant").param("tenant", tenantId)
                .query(UUID.class).optional();
    }
}
