package com.fieldops.xero.gateway;

import com.fieldops.xero.IdempotencyKey;
import com.fieldops.xero.XeroContact;
import com.fieldops.xero.XeroInvoice;
import com.fieldops.xero.XeroItem;
import com.fieldops.xero.XeroItemDraft;
import com.fieldops.xero.XeroItemSaved;
import com.fieldops.xero.XeroPage;
import com.fieldops.xero.XeroPayment;
import com.fieldops.xero.XeroPort;
import com.fieldops.xero.gateway.XeroPagination.PagedContacts;
import com.fieldops.xero.gateway.XeroPagination.PagedInvoices;
import com.fieldops.xero.gateway.XeroPagination.PagedPayments;
import com.xero.models.accounting.Items;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** {@link XeroPort} on xero-java 4.29.1: every request through {@link XeroCalls}, every answer through {@link XeroMapping}. */
@Component
class XeroJavaAdapter implements XeroPort {

    /** Sales invoices only; oldest change first, so a page boundary moves only when records change meanwhile. */
    static final String SALES_INVOICES = "Type==\"ACCREC\"";
    static final String OLDEST_CHANGE_FIRST = "UpdatedDateUTC ASC";

    private final XeroCalls calls;
    private final XeroSdk sdk;

    XeroJavaAdapter(XeroCalls calls, XeroSdk sdk) {
        this.calls = calls;
        this.sdk = sdk;
    }

    @Override
    public List<XeroItem> getItems(UUID orgId, Instant modifiedSince) {
        Items items = calls.call(orgId, "GET Items", Items.class, access -> sdk.accounting().getItemsForHttpResponse(
                access.accessToken(), access.tenantId(), XeroMapping.threeten(modifiedSince), null, null, null));
        return XeroMapping.items(items);
    }

    @Override
    public List<XeroItemSaved> saveItems(UUID orgId, List<XeroItemDraft> drafts, IdempotencyKey key) {
        if (drafts.isEmpty()) return List.of();
        if (drafts.size() > MAX_ITEMS_PER_BATCH) {
            throw new IllegalArgumentException("at most " + MAX_ITEMS_PER_BATCH + " items per batch, not "
                    + drafts.size());
        }
        Items body = XeroMapping.itemsToSave(drafts);
        Items saved = calls.call(orgId, "POST Items", Items.class, access -> sdk.accounting()
                .updateOrCreateItemsForHttpResponse(access.accessToken(), access.tenantId(), body, key.value(), false,
                        null));
        return XeroMapping.saved(drafts, saved);
    }

    @Override
    public XeroPage<XeroInvoice> getInvoices(UUID orgId, int page, Instant modifiedSince) {
        requirePage(page);
        PagedInvoices invoices = calls.call(orgId, "GET Invoices page " + page, PagedInvoices.class,
                access -> sdk.accounting()
                .getInvoicesForHttpResponse(access.accessToken(), access.tenantId(),
                        XeroMapping.threeten(modifiedSince), SALES_INVOICES, OLDEST_CHANGE_FIRST, null, null, null,
                        null, page, false, null, null, null));
        return XeroMapping.page(page, XeroMapping.invoices(invoices), invoices.pagination);
    }

    @Override
    public XeroPage<XeroContact> getContacts(UUID orgId, int page, Instant modifiedSince) {
        requirePage(page);
        PagedContacts contacts = calls.call(orgId, "GET Contacts page " + page, PagedContacts.class,
                access -> sdk.accounting()
                .getContactsForHttpResponse(access.accessToken(), access.tenantId(),
                        XeroMapping.threeten(modifiedSince), null, OLDEST_CHANGE_FIRST, null, page, true, null, null));
        return XeroMapping.page(page, XeroMapping.contacts(contacts), contacts.pagination);
    }

    @Override
    public XeroPage<XeroPayment> getPayments(UUID orgId, int page, Instant modifiedSince) {
        requirePage(page);
        PagedPayments payments = calls.call(orgId, "GET Payments page " + page, PagedPayments.class,
                access -> sdk.accounting()
                .getPaymentsForHttpResponse(access.accessToken(), access.tenantId(),
                        XeroMapping.threeten(modifiedSince), null, OLDEST_CHANGE_FIRST, page));
        return XeroMapping.page(page, XeroMapping.payments(payments), payments.pagination);
    }

    private static void requirePage(int page) {
        if (page < 1) throw new IllegalArgumentException("pages start at 1, not " + page);
    }
}
