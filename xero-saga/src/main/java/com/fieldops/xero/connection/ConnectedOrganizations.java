package com.fieldops.xero.connection;

import com.fieldops.xero.sync.ScheduledSyncOrganizations;
import com.fieldops.xero.sync.XeroConnectionStatus;
import com.fieldops.xero.sync.XeroTenantDirectory;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The organisations connected to Xero, from {@code xero_connection}: those the daily schedule syncs, and the one a
 * webhook's tenant belongs to, and whether one is connected (the push to Xero skips the others). A disconnected
 * organisation is none of these (its syncs would only fail).
 */
@Component
class ConnectedOrganizations implements ScheduledSyncOrganizations, XeroTenantDirectory, XeroConnectionStatus {

    private final JdbcClient jdbc;

    ConnectedOrganizations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<UUID> organizations() {
        return jdbc.sql("select org_id from xero_connection where status = 'connected' order by org_id")
                .query(UUID.class).list();
    }

    /** Two organisations may connect the same tenant; its events then go to the one that connected it last. */
    @Override
    public Optional<UUID> organizationOf(String tenantId) {
        return jdbc.sql("""
                        select org_id from xero_connection where tenant_id = ? and status = 'connected'
                        order by connected_at desc limit 1""")
                .param(tenantId).query(UUID.class).optional();
    }

    @Override
    public boolean connected(UUID orgId) {
        return jdbc.sql("select exists (select 1 from xero_connection where org_id = ? and status = 'connected')")
                .param(orgId).query(Boolean.class).single();
    }
}
