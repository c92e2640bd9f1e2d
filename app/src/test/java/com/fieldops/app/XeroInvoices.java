package com.fieldops.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fieldops.command.financials.RecordXeroInvoice;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Invoices shaped as Xero's GET /Invoices answers them (xero/invoices-get.json, Xero's own example: INV-0001 VOIDED,
 * INV-0002 PAID, INV-0003 AUTHORISED), turned into the command a sync sends for each, as the saga will.
 */
final class XeroInvoices {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Pattern XERO_DATE = Pattern.compile("/Date\\((-?\\d+)([+-]\\d{4})?\\)/");

    private XeroInvoices() {
    }

    /** The example's invoices, each a copy a test may change. */
    static List<ObjectNode> example() {
        try (InputStream in = XeroInvoices.class.getResourceAsStream("/xero/invoices-get.json")) {
            List<ObjectNode> invoices = new ArrayList<>();
            JSON.readTree(in).get("Invoices").forEach(invoice -> invoices.add(((ObjectNode) invoice).deepCopy()));
            return invoices;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One of the example's invoices by its InvoiceNumber. */
    static ObjectNode example(String invoiceNumber) {
        return example().stream().filter(invoice -> invoice.get("InvoiceNumber").asText().equals(invoiceNumber))
                .findFirst().orElseThrow();
    }

    /** Another invoice like {@code template}: its own InvoiceID and number, this status, due date and amount due. */
    static ObjectNode like(ObjectNode template, String number, String status, LocalDate due, String amountDue) {
        ObjectNode invoice = template.deepCopy();
        invoice.put("InvoiceID", UUID.randomUUID().toString());
        invoice.put("InvoiceNumber", number);
        invoice.put("Status", status);
        invoice.put("DueDate", xeroDate(due));
        invoice.put("AmountDue", new BigDecimal(amountDue));
        invoice.put("AmountPaid", invoice.get("Total").decimalValue().subtract(new BigDecimal(amountDue)));
        return invoice;
    }

    /** The command for one invoice of a GET /Invoices answer. */
    static RecordXeroInvoice command(UUID org, JsonNode invoice, UUID syncId) {
        JsonNode contact = invoice.path("Contact");
        return new RecordXeroInvoice(org, UUID.fromString(invoice.get("InvoiceID").asText()),
                text(invoice.path("InvoiceNumber")), contact.hasNonNull("ContactID")
                ? UUID.fromString(contact.get("ContactID").asText()) : null, text(contact.path("Name")),
                invoice.get("Type").asText(), invoice.get("Status").asText(), date(invoice.path("Date")),
                date(invoice.path("DueDate")), invoice.get("Total").decimalValue(),
                invoice.get("AmountDue").decimalValue(), invoice.get("AmountPaid").decimalValue(),
                invoice.get("CurrencyCode").asText(), instant(invoice.get("UpdatedDateUTC")), syncId);
    }

    /** Xero's {@code /Date(1541548800000+0000)/}: milliseconds since the epoch; dates are at midnight UTC. */
    static Instant instant(JsonNode xeroDate) {
        Matcher matcher = XERO_DATE.matcher(xeroDate.asText());
        if (!matcher.matches()) throw new IllegalArgumentException("not a Xero date: " + xeroDate);
        return Instant.ofEpochMilli(Long.parseLong(matcher.group(1)));
    }

    static String xeroDate(LocalDate day) {
        return "/Date(" + day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + "+0000)/";
    }

    static String xeroDate(Instant at) {
        return "/Date(" + at.toEpochMilli() + "+0000)/";
    }

    private static LocalDate date(JsonNode xeroDate) {
        return xeroDate.isMissingNode() || xeroDate.isNull() ? null
                : LocalDate.ofInstant(instant(xeroDate), ZoneOffset.UTC);
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }
}
