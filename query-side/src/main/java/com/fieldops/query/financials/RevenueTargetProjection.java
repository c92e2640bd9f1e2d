package com.fieldops.query.financials;

import com.fieldops.events.CloudEvent;
import com.fieldops.events.FieldOpsEvent;
import com.fieldops.events.revenuetarget.RevenueTargetSet;
import com.fieldops.query.projection.Projection;
import java.time.ZoneOffset;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** revenue_targets, idempotent by the RevenueTarget aggregate's sequence number in {@code version}. */
@Component
@Order(0)
public class RevenueTargetProjection implements Projection {

    private final JdbcClient jdbc;

    public RevenueTargetProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "revenue_targets";
    }

    @Override
    public boolean apply(CloudEvent envelope, FieldOpsEvent event) {
        if (!(event instanceof RevenueTargetSet target)) return false;
        jdbc.sql("""
                        insert into revenue_targets as t (id, org_id, month, amount, updated_at, version)
                        values (:id, :org, :month, :amount, :at, :version)
                        on conflict (id) do update set amount = excluded.amount, updated_at = excluded.updated_at,
                                                      version = excluded.version
                        where t.version < excluded.version""")
                .param("id", target.targetId()).param("org", target.orgId())
                .param("month", target.month().atDay(1)).param("amount", target.amount().newValue())
                .param("at", envelope.time().atOffset(ZoneOffset.UTC))
                .param("version", Projection.sequenceOf(envelope))
                .update();
        return true;
    }
}
