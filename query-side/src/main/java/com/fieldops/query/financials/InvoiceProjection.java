package com.fieldops.query.financials;

import com.fieldops.events.CloudEvent;
import com.fieldops.events.FieldOpsEvent;
import com.fieldops.events.invoice.InvoiceRecorded;
import com.fieldops.query.projection.Projection;
import java.time.ZoneOffset;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The invoices read model. Every event carries the whole invoice, so each one replaces the row; idempotent by the
 * Invoice aggregate's sequence number in {@code version}.
 */
@Component
@Order(0)
public class InvoiceProjection implements Projection {

    private final JdbcClient jdbc;

    public InvoiceProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "invoices";
    }

    @Override
    public boolean apply(CloudEvent envelope, FieldOpsEvent event) {
        if (!(event instanceof InvoiceRecorded invoice)) return false;
        jdbc.sql("""
                        insert into invoices as i (id, org_id, xero_invoice_id, invoice_number, contact_id, contact_name,
                                type, status, date, due_date, total, amount_due, amount_paid, currency, updated_at,
                                sync_id, recorded_at, version)
                        values (:id, :org, :xeroId, :number, :contactId, :contactName, :type, :status, :date, :dueDate,
                                :total, :amountDue, :amountPaid, :currency, :updatedAt, :syncId, :recordedAt, :version)
                        on conflict (id) do update set
                            invoice_number = excluded.invoice_number, contact_id = excluded.contact_id,
                            contact_name = excluded.contact_name, type = excluded.type, status = excluded.status,
                            date = excluded.date, due_date = excluded.due_date, total = excluded.total,
                            amount_due = excluded.amount_due, amount_paid = excluded.amount_paid,
                            currency = excluded.currency, updated_at = excluded.updated_at,
                            sync_id = excluded.sync_id, recorded_at = excluded.recorded_at, version = excluded.version
                        where i.version < excluded.version""")
                .param("id", invoice.invoiceId()).param("org", invoice.orgId())
                .param("xeroId", invoice.xeroInvoiceId()).param("number", invoice.invoiceNumber())
                .param("contactId", invoice.contactId()).param("contactName", invoice.contactName())
                .param("type", invoice.type()).param("status", invoice.status())
                .param("date", invoice.date()).param("dueDate", invoice.dueDate())
                .param("total", invoice.total()).param("amountDue", invoice.amountDue())
                .param("amountPaid", invoice.amountPaid()).param("currency", invoice.currency())
                .param("updatedAt", invoice.xeroUpdatedAt().atOffset(ZoneOffset.UTC))
                .param("syncId", invoice.syncId())
                .param("recordedAt", envelope.time().atOffset(ZoneOffset.UTC))
                .param("version", Projection.sequenceOf(envelope))
                .update();
        return true;
    }
}
