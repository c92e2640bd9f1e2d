package com.fieldops.events.invoice;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fieldops.events.EventType;
import com.fieldops.events.FieldOpsEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A Xero invoice as a sync read it, whole, each time something of it changed: the fields FieldOps keeps of Xero's
 * Invoice (type ACCREC or ACCPAY, status DRAFT … DELETED, money in the invoice's currency) and Xero's
 * UpdatedDateUTC. {@code sync_id} names the sync that brought it, when there was one.
 */
@EventType("fieldops.invoice.recorded.v1")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record InvoiceRecorded(UUID invoiceId, UUID orgId, UUID xeroInvoiceId, String invoiceNumber, UUID contactId,
                              String contactName, String type, String status, LocalDate date, LocalDate dueDate,
                              BigDecimal total, BigDecimal amountDue, BigDecimal amountPaid, String currency,
                              Instant xeroUpdatedAt, UUID syncId) implements FieldOpsEvent {

    /** The same invoice as brought by another sync: two records are the same state when only this differs. */
    public InvoiceRecorded withSyncId(UUID otherSync) {
        return new InvoiceRecorded(invoiceId, orgId, xeroInvoiceId, invoiceNumber, contactId, contactName, type,
                status, date, dueDate, total, amountDue, amountPaid, currency, xeroUpdatedAt, otherSync);
    }
}
