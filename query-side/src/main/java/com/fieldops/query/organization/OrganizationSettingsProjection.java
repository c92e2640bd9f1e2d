package com.fieldops.query.organization;

import com.fieldops.events.CloudEvent;
import com.fieldops.events.FieldOpsEvent;
import com.fieldops.events.MalformedEventException;
import com.fieldops.events.organization.OrganizationSettingsChanged;
import com.fieldops.query.projection.Projection;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** organization_settings, idempotent by the Organization aggregate's sequence number. */
@Component
@Order(0)
public class OrganizationSettingsProjection implements Projection {

    private final JdbcClient jdbc;

    public OrganizationSettingsProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "organization_settings";
    }

    @Override
    public boolean apply(CloudEvent envelope, FieldOpsEvent event) {
        if (!(event instanceof OrganizationSettingsChanged changed)) return false;
        if (envelope.sequence() == null) {
            throw new MalformedEventException(envelope.type() + " " + envelope.id() + " has no sequence");
        }
        long sequence = envelope.sequence();
        if (sequence == 0) {
            // the organisation's first settings event always names the timezone it runs on
            if (changed.timezone() == null) {
                throw new MalformedEventException(envelope.type() + " " + envelope.id()
                        + " is the organisation's first settings event but names no timezone");
            }
            jdbc.sql("""
                            insert into organization_settings (org_id, timezone, currency, updated_at, version)
                            values (:org, :timezone, :currency, :at, 0) on conflict (org_id) do nothing""")
                    .param("org", changed.orgId())
                    .param("timezone", changed.timezone().newValue())
                    .param("currency", changed.currency() == null ? null : changed.currency().newValue())
                    .param("at", envelope.time().atOffset(ZoneOffset.UTC))
                    .update();
            return true;
        }
        int rows = jdbc.sql("""
                        update organization_settings
                        set timezone = coalesce(:timezone, timezone),
                            currency = case when :currencyChanged then :currency else currency end,
                            updated_at = :at, version = :version
                        where org_id = :org and version < :version""")
                .param("org", changed.orgId())
                .param("timezone", changed.timezone() == null ? null : changed.timezone().newValue())
                .param("currencyChanged", changed.currency() != null)
                .param("currency", changed.currency() == null ? null : changed.currency().newValue())
                .param("at", envelope.time().atOffset(ZoneOffset.UTC))
                .param("version", sequence)
                .update();
        if (rows == 0 && !jdbc.sql("select exists (select 1 from organization_settings where org_id = :org)")
                .param("org", changed.orgId()).query(Boolean.class).single()) {
            throw new MalformedEventException("organisation " + changed.orgId() + " has no settings row (its first "
                    + "settings event was never applied), so " + envelope.id() + " cannot be applied");
        }
        return true;
    }
}
