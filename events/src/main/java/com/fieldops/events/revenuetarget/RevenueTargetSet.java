package com.fieldops.events.revenuetarget;

import com.fieldops.events.Change;
import com.fieldops.events.EventType;
import com.fieldops.events.FieldOpsEvent;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.UUID;

/** An admin set the organisation's revenue target of a month ({@code "2026-02"}); the old amount is null at first. */
@EventType("fieldops.revenue-target.set.v1")
public record RevenueTargetSet(UUID targetId, UUID orgId, YearMonth month, Change<BigDecimal> amount)
        implements FieldOpsEvent {
}
