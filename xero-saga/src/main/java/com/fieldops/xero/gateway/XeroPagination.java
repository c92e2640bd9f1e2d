package com.fieldops.xero.gateway;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.xero.models.accounting.Contacts;
import com.xero.models.accounting.Invoices;
import com.xero.models.accounting.Payments;

/**
 * Xero's paging note on a list answer ({@code "pagination":{"page","pageSize","pageCount","itemCount"}}), which
 * xero-java 4.29.1's models drop: with it a sync knows the last page without asking for an empty one after it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record XeroPagination(Integer page, Integer pageSize, Integer pageCount, Integer itemCount) {

    /** Whether {@code page} is the last: by Xero's pageCount when it sent one, else by a page shorter than a full one. */
    static boolean last(XeroPagination pagination, int page, int records, int pageSize) {
        if (pagination != null && pagination.pageCount() != null) return page >= pagination.pageCount();
        return records < pageSize;
    }

    /** xero-java's Invoices with the paging note. */
    static final class PagedInvoices extends Invoices {
        @JsonProperty("pagination")
        XeroPagination pagination;
    }

    /** xero-java's Contacts with the paging note. */
    static final class PagedContacts extends Contacts {
        @JsonProperty("pagination")
        XeroPagination pagination;
    }

    /** xero-java's Payments with the paging note. */
    static final class PagedPayments extends Payments {
        @JsonProperty("pagination")
        XeroPagination pagination;
    }
}
