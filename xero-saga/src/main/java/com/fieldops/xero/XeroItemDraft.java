package com.fieldops.xero;

import java.math.BigDecimal;

/** An Item to create or update in Xero, matched by its Code (at most 30 characters in Xero, name at most 50). */
public record XeroItemDraft(String code, String name, String description, BigDecimal salesUnitPrice) {
}
