package com.fieldops.xero.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fieldops.xero.gateway.XeroPagination.PagedInvoices;
import com.xero.api.ApiClient;
import org.junit.jupiter.api.Test;

/** The last page is known from Xero's pagination note, so no empty page is asked for after a full last one. */
class XeroPaginationTest {

    @Test
    void xerosPageCountSaysWhichPageIsTheLast() {
        XeroPagination twoPages = new XeroPagination(2, 100, 2, 200);
        assertThat(XeroPagination.last(twoPages, 1, 100, 100)).isFalse();
        assertThat(XeroPagination.last(twoPages, 2, 100, 100)).as("full, and the last").isTrue();
        assertThat(XeroPagination.last(new XeroPagination(1, 100, 0, 0), 1, 0, 100)).isTrue();
    }

    @Test
    void withoutAPaginationNoteAShortPageIsTheLast() {
        assertThat(XeroPagination.last(null, 3, 100, 100)).isFalse();
        assertThat(XeroPagination.last(null, 3, 99, 100)).isTrue();
        assertThat(XeroPagination.last(new XeroPagination(null, null, null, null), 1, 0, 100)).isTrue();
    }

    @Test
    void theNoteIsReadWithTheSdksInvoices() throws Exception {
        String answer = """
                {"Id":"a","Status":"OK","pagination":{"page":1,"pageSize":100,"pageCount":3,"itemCount":250},
                 "Invoices":[{"InvoiceID":"243216c5-369e-4056-ac67-05388f86dc81","Type":"ACCREC","Status":"PAID"}]}""";
        PagedInvoices invoices = new ApiClient("http://xero.test/api.xro/2.0", null, null, null, null)
                .getObjectMapper().readValue(answer, PagedInvoices.class);
        assertThat(invoices.pagination).isEqualTo(new XeroPagination(1, 100, 3, 250));
        assertThat(invoices.getInvoices()).hasSize(1);
    }
}
