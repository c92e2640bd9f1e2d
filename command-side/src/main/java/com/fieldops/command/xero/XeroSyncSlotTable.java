package com.fieldops.command.xero;

import com.fieldops.xero.sync.XeroSyncType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The slots as rows of {@code xero_sync_running}, written in the command's transaction. */
@Component
public class XeroSyncSlotTable implements XeroSyncSlots {

    private final JdbcClient jdbc;

    public XeroSyncSlotTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<UUID> claim(UUID orgId, XeroSyncType type, UUID syncId) {
        // the holder may finish between our conflict and our read: then the slot is free and we claim it again
        while (true) {
            int claimed = jdbc.sql("""
                            insert into xero_sync_running (org_id, sync_type, sync_id, claimed_at)
                            values (:org, :type, :sync, now()) on conflict (org_id, sync_type) do nothing""")
                    .param("org", orgId).param("type", type.label()).param("sync", syncId).update();
            if (claimed == 1) return Optional.empty();
            Optional<UUID> holder = jdbc.sql(
                            "select sync_id from xero_sync_running where org_id = :org and sync_type = :type")
                    .param("org", orgId).param("type", type.label()).query(UUID.class).optional();
            if (holder.isPresent()) return holder;
        }
    }

    @Override
    public void release(UUID syncId) {
        jdbc.sql("delete from xero_sync_running where sync_id = :sync").param("sync", syncId).update();
    }
}
