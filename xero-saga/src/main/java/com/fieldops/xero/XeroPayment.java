package com.fieldops.xero;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A payment against an invoice, in cents; status AUTHORISED or DELETED. */
public record XeroPayment(UUID paymentId, UUID invoiceId, LocalDate date, BigDecimal amount, String status,
                          Instant updatedAt) {
}
