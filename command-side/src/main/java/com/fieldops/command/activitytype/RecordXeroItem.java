package com.fieldops.command.activitytype;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * A Xero Item as a sync read it, for the price list: the type holding {@code code} as its xero_code takes Xero's name
 * and rate when it is Xero-managed (a type an admin linked by hand keeps its own); an unknown code makes a new
 * Xero-managed type. Answers a {@link RecordedXeroItem}.
 *
 * @param hourlyRate SalesDetails.UnitPrice; an item without one is not sent (no rate is never a zero rate)
 */
public record RecordXeroItem(UUID orgId, String code, String name, BigDecimal hourlyRate, String description) {
}
