package com.fieldops.xero;

import java.util.List;

/** One page of a paged Xero list; {@code last} when it held fewer than {@link XeroPort#PAGE_SIZE} records. */
public record XeroPage<T>(int page, List<T> records, boolean last) {

    public XeroPage {
        records = List.copyOf(records);
    }
}
