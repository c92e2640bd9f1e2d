package com.fieldops.xero.connection;

import com.fieldops.xero.sync.ScheduledSyncOrganizations;
import com.fieldops.xero.sync.XeroTenantDirectory;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The organisations connected to Xero, from {@code xero_connection}: those the daily schedule syncs, and the one a
 * webhook's tenant belongs to. A disconnected organisation is neither (its syncs would only fail).
 */
@Component
class ConnectedOrganizations implements ScheduledSyncOrganizations, XeroTenantDirectory {

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
}
