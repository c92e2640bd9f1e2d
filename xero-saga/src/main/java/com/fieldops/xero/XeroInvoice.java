package com.fieldops.xero;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** An invoice: money in cents; dates as Xero's calendar dates; status DRAFT, SUBMITTED, AUTHORISED, PAID, VOIDED, DELETED. */
public record XeroInvoice(UUID invoiceId, String invoiceNumber, String type, String status, UUID contactId,
                          String contactName, LocalDate date, LocalDate dueDate, BigDecimal total, BigDecimal amountDue,
                          BigDecimal amountPaid, String currencyCode, Instant updatedAt) {
}
