package com.fieldops.query.financials;

import com.fieldops.events.CloudEvent;
import com.fieldops.events.FieldOpsEvent;
import com.fieldops.events.invoice.InvoiceRecorded;
import com.fieldops.events.xero.XeroContactRecorded;
import com.fieldops.query.projection.Projection;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The invoices read model. Every invoice event carries the whole invoice, so each one replaces the row; idempotent by
 * the Invoice aggregate's sequence number in {@code version}.
 *
 * <p>Contact names: a contact renamed in Xero keeps its invoices' UpdatedDateUTC, so the name comes by the contact's
 * own events too ({@code xero_contacts}, by the XeroContact aggregate's sequence number). An invoice shows the name
 * observed last: its contact's when the contact's state was recorded at or after the invoice's, else the invoice's
 * own. That is a function of the latest event of each, so the row is the same whichever order the two arrive in
 * (Kafka orders events per aggregate only; a rebuild replays them in the store's order) and however often.
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
    public List<String> tables() {
        return List.of("invoices", "xero_contacts");
    }

    @Override
    public boolean apply(CloudEvent envelope, FieldOpsEvent event) {
        if (event instanceof InvoiceRecorded invoice) {
            apply(envelope, invoice);
            return true;
        }
        if (event instanceof XeroContactRecorded contact) {
            apply(envelope, contact);
            return true;
        }
        return false;
    }

    private void apply(CloudEvent envelope, InvoiceRecorded invoice) {
        jdbc.sql("""
                        insert into invoices as i (id, org_id, xero_invoice_id, invoice_number, contact_id, contact_name,
                                type, status, date, due_date, total, amount_due, amount_paid, currency, updated_at,
                                sync_id, recorded_at, version)
                        values (:id, :org, :xeroId, :number, :contactId,
                                coalesce((select c.name from xero_contacts c where c.org_id = :org
                                          and c.contact_id = :contactId and c.recorded_at >= :recordedAt),
                                         :contactName),
                                :type, :status, :date, :dueDate, :total, :amountDue, :amountPaid, :currency,
                                :updatedAt, :syncId, :recordedAt, :version)
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
    }

    private void apply(CloudEvent envelope, XeroContactRecorded contact) {
        jdbc.sql("""
                        insert into xero_contacts as c (org_id, contact_id, name, status, updated_at, recorded_at,
                                                        version)
                        values (:org, :contactId, :name, :status, :updatedAt, :recordedAt, :version)
                        on conflict (org_id, contact_id) do update set
                            name = excluded.name, status = excluded.status, updated_at = excluded.updated_at,
                            recorded_at = excluded.recorded_at, version = excluded.version
                        where c.version < excluded.version""")
                .param("org", contact.orgId()).param("contactId", contact.contactId())
                .param("name", contact.name()).param("status", contact.status())
                .param("updatedAt", contact.xeroUpdatedAt().atOffset(ZoneOffset.UTC))
                .param("recordedAt", envelope.time().atOffset(ZoneOffset.UTC))
                .param("version", Projection.sequenceOf(envelope))
                .update();
        // from the contact's row, not the event: a redelivered older event must not put back an older name
        jdbc.sql("""
                        update invoices i set contact_name = c.name
                        from xero_contacts c
                        where c.org_id = :org and c.contact_id = :contactId
                          and i.org_id = c.org_id and i.contact_id = c.contact_id
                          and i.recorded_at <= c.recorded_at and i.contact_name is distinct from c.name""")
                .param("org", contact.orgId()).param("contactId", contact.contactId())
                .update();
    }
}
