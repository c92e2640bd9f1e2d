package com.fieldops.xero;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What FieldOps asks of Xero, in its own terms: records with money as BigDecimal (cents) and java.time values. Every
 * call is made for an organisation through its connection (tenant and token), admitted by the tenant's rate limiter
 * and tried at most 3 times (429, 5xx, timeouts; a 401 refreshes the token once).
 *
 * <p>Failures: {@link XeroNotConnected}, {@link XeroReconnectRequired} ("reconnect Xero"), {@link XeroUnavailable}
 * (gave up after the tries, or the daily budget is spent), {@link XeroRejected} (Xero refused the request as such).
 * Per-item validation errors of a write are data, not exceptions: {@link XeroItemSaved#validationErrors()}.
 */
public interface XeroPort {

    /** At most this many items per {@link #saveItems} call (Xero advises batches of about 50). */
    int MAX_ITEMS_PER_BATCH = 50;

    /** Records per page of invoices, contacts and payments (Xero's default page size). */
    int PAGE_SIZE = 100;

    /** Every item (Items are not paged); with {@code modifiedSince} only those changed since then, else all. */
    List<XeroItem> getItems(UUID orgId, Instant modifiedSince);

    /**
     * Creates or updates items by Code (POST /Items, summarizeErrors=false), one result per draft in the same order.
     * The key goes out as Idempotency-Key on every try, so a retried batch is applied once.
     */
    List<XeroItemSaved> saveItems(UUID orgId, List<XeroItemDraft> items, IdempotencyKey key);

    /** Sales invoices (ACCREC), page 1.., oldest change first; {@code modifiedSince} null for a full pass. */
    XeroPage<XeroInvoice> getInvoices(UUID orgId, int page, Instant modifiedSince);

    /** Contacts, page 1..; {@code modifiedSince} null for a full pass. */
    XeroPage<XeroContact> getContacts(UUID orgId, int page, Instant modifiedSince);

    /** Payments, page 1..; {@code modifiedSince} null for a full pass. */
    XeroPage<XeroPayment> getPayments(UUID orgId, int page, Instant modifiedSince);
}
