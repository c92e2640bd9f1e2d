package com.fieldops.xero;

import java.util.List;

/**
 * One page of a paged Xero list; {@code last} when Xero's pagination says so (pageCount), or, without it, when the page
 * held fewer than {@link XeroPort#PAGE_SIZE} records.
 */
public record XeroPage<T>(int page, List<T> records, boolean last) {

    public XeroPage {
        records = List.copyOf(records);
    }
}
