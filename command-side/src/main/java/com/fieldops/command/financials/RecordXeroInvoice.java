package com.fieldops.command.financials;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records a Xero invoice as a sync read it: the Invoice's fields FieldOps keeps, money already in BigDecimal (at most
 * two decimals), Xero's dates as dates and its UpdatedDateUTC as an instant. The {@link Invoice} it goes to is named by
 * the organisation and Xero's InvoiceID, so the same Xero invoice always lands on the same aggregate; it records an
 * event only when something changed and never goes back to an older state.
 *
 * @param type     ACCREC (sales) or ACCPAY
 * @param status   DRAFT, SUBMITTED, AUTHORISED, PAID, VOIDED or DELETED
 * @param currency ISO 4217 code (Xero's CurrencyCode)
 * @param syncId   the sync that read it; null when none
 */
public record RecordXeroInvoice(UUID orgId, UUID xeroInvoiceId, String invoiceNumber, UUID contactId,
                                String contactName, String type, String status, LocalDate date, LocalDate dueDate,
                                BigDecimal total, BigDecimal amountDue, BigDecimal amountPaid, String currency,
                                Instant xeroUpdatedAt, UUID syncId) {

    public RecordXeroInvoice {
        Objects.requireNonNull(orgId, "org_id");
        Objects.requireNonNull(xeroInvoiceId, "xero_invoice_id");
    }

    @TargetAggregateIdentifier
    public UUID invoiceId() {
        return idOf(orgId, xeroInvoiceId);
    }

    /** A name-based (version 3) UUID of the organisation and Xero's InvoiceID: stable across syncs and processes. */
    public static UUID idOf(UUID orgId, UUID xeroInvoiceId) {
        return UUID.nameUUIDFromBytes(("xero-invoice:" + orgId + ":" + xeroInvoiceId).getBytes(StandardCharsets.UTF_8));
    }
}
