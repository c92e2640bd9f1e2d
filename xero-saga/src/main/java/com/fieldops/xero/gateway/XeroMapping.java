package com.fieldops.xero.gateway;

import com.fieldops.xero.XeroContact;
import com.fieldops.xero.XeroInvoice;
import com.fieldops.xero.XeroItem;
import com.fieldops.xero.XeroItemDraft;
import com.fieldops.xero.XeroItemSaved;
import com.fieldops.xero.XeroPage;
import com.fieldops.xero.XeroPayment;
import com.fieldops.xero.XeroPort;
import com.xero.models.accounting.Contact;
import com.xero.models.accounting.Contacts;
import com.xero.models.accounting.Invoice;
import com.xero.models.accounting.Invoices;
import com.xero.models.accounting.Item;
import com.xero.models.accounting.Items;
import com.xero.models.accounting.Payment;
import com.xero.models.accounting.Payments;
import com.xero.models.accounting.Purchase;
import com.xero.models.accounting.ValidationError;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * xero-java's models to FieldOps' records and back: money from the SDK's Double through {@link BigDecimal#valueOf}
 * (the shortest decimal that is that double, so 95.5 stays 95.50, never 95.4999...) rounded half-even to cents;
 * threeten dates to java.time.
 */
final class XeroMapping {

    private XeroMapping() {
    }

    static BigDecimal money(Double amount) {
        return amount == null ? null : BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_EVEN);
    }

    static org.threeten.bp.OffsetDateTime threeten(Instant instant) {
        return instant == null ? null : org.threeten.bp.OffsetDateTime.ofInstant(
                org.threeten.bp.Instant.ofEpochSecond(instant.getEpochSecond(), instant.getNano()),
                org.threeten.bp.ZoneOffset.UTC);
    }

    static Instant instant(org.threeten.bp.OffsetDateTime time) {
        return time == null ? null : Instant.ofEpochSecond(time.toEpochSecond(), time.getNano());
    }

    static LocalDate date(org.threeten.bp.LocalDate date) {
        return date == null ? null : LocalDate.of(date.getYear(), date.getMonthValue(), date.getDayOfMonth());
    }

    static <T> XeroPage<T> page(int page, List<T> records, XeroPagination pagination) {
        return new XeroPage<>(page, records, XeroPagination.last(pagination, page, records.size(), XeroPort.PAGE_SIZE));
    }

    static List<XeroItem> items(Items items) {
        return list(items.getItems()).stream().map(XeroMapping::item).toList();
    }

    private static XeroItem item(Item item) {
        Purchase sales = item.getSalesDetails();
        return new XeroItem(item.getItemID(), item.getCode(), item.getName(), item.getDescription(),
                sales == null ? null : money(sales.getUnitPrice()), !Boolean.FALSE.equals(item.getIsSold()),
                instant(item.getUpdatedDateUTCAsDate()));
    }

    static Items itemsToSave(List<XeroItemDraft> drafts) {
        Items items = new Items();
        for (XeroItemDraft draft : drafts) {
            Item item = new Item().code(draft.code()).name(draft.name()).description(draft.description());
            if (draft.salesUnitPrice() != null) {
                item.salesDetails(new Purchase().unitPrice(draft.salesUnitPrice().doubleValue()));
            }
            items.addItemsItem(item);
        }
        return items;
    }

    /**
     * One result per draft, in the drafts' order. Xero answers the batch in the order sent; an answer is matched to
     * its draft by Code, so a reordered answer still lands right, and a draft Xero did not answer is an error.
     */
    static List<XeroItemSaved> saved(List<XeroItemDraft> drafts, Items answer) {
        List<Item> answered = new ArrayList<>(list(answer.getItems()));
        List<XeroItemSaved> results = new ArrayList<>();
        for (XeroItemDraft draft : drafts) {
            Item item = answered.stream().filter(candidate -> draft.code().equals(candidate.getCode())).findFirst()
                    .orElse(null);
            if (item == null) {
                results.add(new XeroItemSaved(draft.code(), null, List.of("Xero did not answer for this item")));
                continue;
            }
            answered.remove(item);
            List<String> errors = list(item.getValidationErrors()).stream().map(ValidationError::getMessage)
                    .filter(Objects::nonNull).toList();
            results.add(new XeroItemSaved(draft.code(), errors.isEmpty() ? item.getItemID() : null, errors));
        }
        return results;
    }

    static List<XeroInvoice> invoices(Invoices invoices) {
        return list(invoices.getInvoices()).stream().map(XeroMapping::invoice).toList();
    }

    private static XeroInvoice invoice(Invoice invoice) {
        Contact contact = invoice.getContact();
        return new XeroInvoice(invoice.getInvoiceID(), invoice.getInvoiceNumber(),
                invoice.getType() == null ? null : invoice.getType().getValue(),
                invoice.getStatus() == null ? null : invoice.getStatus().getValue(),
                contact == null ? null : contact.getContactID(), contact == null ? null : contact.getName(),
                date(invoice.getDateAsDate()), date(invoice.getDueDateAsDate()), money(invoice.getTotal()),
                money(invoice.getAmountDue()), money(invoice.getAmountPaid()),
                invoice.getCurrencyCode() == null ? null : invoice.getCurrencyCode().getValue(),
                instant(invoice.getUpdatedDateUTCAsDate()));
    }

    static List<XeroContact> contacts(Contacts contacts) {
        return list(contacts.getContacts()).stream().map(contact -> new XeroContact(contact.getContactID(),
                contact.getName(), contact.getContactStatus() == null ? null : contact.getContactStatus().getValue(),
                instant(contact.getUpdatedDateUTCAsDate()))).toList();
    }

    static List<XeroPayment> payments(Payments payments) {
        return list(payments.getPayments()).stream().map(XeroMapping::payment).toList();
    }

    private static XeroPayment payment(Payment payment) {
        return new XeroPayment(payment.getPaymentID(),
                payment.getInvoice() == null ? null : payment.getInvoice().getInvoiceID(),
                date(payment.getDateAsDate()), money(payment.getAmount()),
                payment.getStatus() == null ? null : payment.getStatus().getValue(),
                instant(payment.getUpdatedDateUTCAsDate()));
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }
}
