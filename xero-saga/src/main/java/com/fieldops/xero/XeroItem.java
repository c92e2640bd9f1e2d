package com.fieldops.xero;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * An Item as Xero holds it. {@code salesUnitPrice} is {@code SalesDetails.UnitPrice} in cents, or null when Xero has
 * no sales price for it (never read as zero).
 */
public record XeroItem(UUID itemId, String code, String name, String description, BigDecimal salesUnitPrice,
                       boolean sold, Instant updatedAt) {
}
