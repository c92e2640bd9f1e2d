package com.fieldops.command.xero;

import com.fieldops.xero.sync.ScheduledSyncOrganizations;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every organisation that has settings or activity types, until the Xero connection answers
 * {@link ScheduledSyncOrganizations} with the connected ones; then this class goes.
 */
@Component
public class KnownOrganizations implements ScheduledSyncOrganizations {

    private final JdbcClient jdbc;

    public KnownOrganizations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<UUID> organizations() {
        return jdbc.sql("select org_id from organization_settings union select org_id from activity_types")
                .query(UUID.class).list();
    }
}
