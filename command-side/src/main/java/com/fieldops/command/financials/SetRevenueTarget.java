package com.fieldops.command.financials;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets the organisation's revenue target of a month; the {@link RevenueTarget} is named by the two. */
public record SetRevenueTarget(UUID orgId, YearMonth month, BigDecimal amount) {

    public SetRevenueTarget {
        Objects.requireNonNull(orgId, "org_id");
        Objects.requireNonNull(month, "month");
    }

    @TargetAggregateIdentifier
    public UUID targetId() {
        return UUID.nameUUIDFromBytes(("revenue-target:" + orgId + ":" + month).getBytes(StandardCharsets.UTF_8));
    }
}
