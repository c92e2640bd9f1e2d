package com.fieldops.query.financials;

import static org.assertj.core.api.Assertions.assertThat;

import com.fieldops.events.Change;
import com.fieldops.events.CloudEvent;
import com.fieldops.events.CloudEventCodec;
import com.fieldops.events.FieldOpsEvent;
import com.fieldops.events.invoice.InvoiceRecorded;
import com.fieldops.events.revenuetarget.RevenueTargetSet;
import com.fieldops.events.xero.XeroContactRecorded;
import com.fieldops.query.QuerySideTest;
import com.fieldops.query.projection.Projection;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The financial read models keep the newest state: redeliveries and late older events change nothing. */
@QuerySideTest
class FinancialsProjectionTest {

    @Autowired InvoiceProjection invoices;
    @Autowired RevenueTargetProjection targets;
    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactions;

    private final UUID org = UUID.randomUUID();

    @Test
    void anInvoiceRowIsItsNewestRecordedState() {
        UUID id = UUID.randomUUID();
        InvoiceRecorded sent = invoice(id, "AUTHORISED", "115.00");
        InvoiceRecorded paid = invoice(id, "PAID", "0.00");
        apply(invoices, sent, 0);
        apply(invoices, paid, 1);
        apply(invoices, sent, 0);
        assertThat(row(id)).isEqualTo("PAID 0.00 1");
        InvoiceRecorded voided = invoice(id, "VOIDED", "0.00");
        apply(invoices, voided, 3);
        apply(invoices, invoice(id, "AUTHORISED", "50.00"), 2);
        assertThat(row(id)).as("a late older event").isEqualTo("VOIDED 0.00 3");
    }

    /**
     * Invoice A was recorded before its contact's rename, invoice B after it (reading the contact's newer name still
     * differently): A shows the contact's name, B its own, in whichever order the events arrive (Kafka orders them
     * per aggregate only) and however often; a newer contact state then wins over both.
     */
    @Test
    void anInvoiceShowsTheContactNameObservedLastWhateverTheOrderOfArrival() {
        Instant before = Instant.parse("2026-03-01T10:00:00Z");
        Instant renamedAt = before.plusSeconds(60);
        Instant after = before.plusSeconds(120);
        for (List<String> order : List.of(List.of("A", "contact", "B"), List.of("contact", "B", "A"),
                List.of("B", "contact", "A", "contact", "B"))) {
            UUID contact = UUID.randomUUID();
            UUID a = UUID.randomUUID();
            UUID b = UUID.randomUUID();
            for (String event : order) {
                switch (event) {
                    case "A" -> apply(invoices, invoice(a, contact, "Acme"), 0, before);
                    case "B" -> apply(invoices, invoice(b, contact, "Acme Ltd"), 0, after);
                    default -> apply(invoices, contact(contact, "Acme & Sons"), 0, renamedAt);
                }
            }
            assertThat(List.of(contactName(a), contactName(b))).as(order.toString())
                    .containsExactly("Acme & Sons", "Acme Ltd");

            apply(invoices, contact(contact, "Acme Group"), 1, after.plusSeconds(60));
            apply(invoices, contact(contact, "Acme & Sons"), 0, renamedAt);
            assertThat(List.of(contactName(a), contactName(b))).as(order + ", then a newer rename and a redelivery")
                    .containsExactly("Acme Group", "Acme Group");
        }
    }

    @Test
    void aTargetRowIsItsNewestAmount() {
        UUID id = UUID.randomUUID();
        RevenueTargetSet first = target(id, null, "100.00");
        RevenueTargetSet second = target(id, "100.00", "250.50");
        apply(targets, first, 0);
        apply(targets, second, 1);
        apply(targets, first, 0);
        assertThat(jdbc.sql("select month || ' ' || amount || ' ' || version from revenue_targets where id = ?")
                .param(id).query(String.class).single()).isEqualTo("2026-02-01 250.50 1");
    }

    private InvoiceRecorded invoice(UUID id, String status, String due) {
        return new InvoiceRecorded(id, org, UUID.randomUUID(), "INV-1", null, "Acme", "ACCREC", status,
                LocalDate.of(2026, 1, 2), LocalDate.of(2026, 2, 1), new BigDecimal("115.00"), new BigDecimal(due),
                new BigDecimal("115.00").subtract(new BigDecimal(due)), "NZD", Instant.parse("2026-01-02T03:04:05Z"),
                null);
    }

    private InvoiceRecorded invoice(UUID id, UUID contact, String contactName) {
        return new InvoiceRecorded(id, org, UUID.randomUUID(), "INV-1", contact, contactName, "ACCREC", "AUTHORISED",
                LocalDate.of(2026, 1, 2), LocalDate.of(2026, 2, 1), new BigDecimal("115.00"), new BigDecimal("115.00"),
                new BigDecimal("0.00"), "NZD", Instant.parse("2026-01-02T03:04:05Z"), null);
    }

    private XeroContactRecorded contact(UUID contact, String name) {
        return new XeroContactRecorded(org, contact, name, "ACTIVE", Instant.parse("2026-01-01T00:00:00Z"), null);
    }

    private String contactName(UUID invoice) {
        return jdbc.sql("select contact_name from invoices where id = ?").param(invoice).query(String.class).single();
    }

    private RevenueTargetSet target(UUID id, String from, String to) {
        return new RevenueTargetSet(id, org, YearMonth.of(2026, 2),
                Change.of(from == null ? null : new BigDecimal(from), new BigDecimal(to)));
    }

    private String row(UUID id) {
        return jdbc.sql("select status || ' ' || amount_due || ' ' || version from invoices where id = ?")
                .param(id).query(String.class).single();
    }

    private void apply(Projection projection, FieldOpsEvent event, long sequence) {
        apply(projection, event, sequence, Instant.now());
    }

    private void apply(Projection projection, FieldOpsEvent event, long sequence, Instant at) {
        CloudEvent envelope = CloudEventCodec.encode(event, new CloudEventCodec.Envelope(UUID.randomUUID(),
                "/fieldops/command-side", "subject", at, org, null, null, sequence, null));
        new TransactionTemplate(transactions).executeWithoutResult(status ->
                assertThat(projection.apply(envelope, event)).isTrue());
    }
}
