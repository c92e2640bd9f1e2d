package com.fieldops.query.financials;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The status an invoice shows in FieldOps (DESIGN §8), derived from Xero's status, amount due and due date, as SQL
 * over the invoices table ({@code :today} is the organisation's date). VOIDED and DELETED invoices have none.
 */
public enum InvoiceStatus {

    DRAFT("status in ('DRAFT', 'SUBMITTED')", "date desc nulls last, id"),
    // due today is not overdue yet; an invoice without a due date never is
    OVERDUE("status = 'AUTHORISED' and amount_due > 0 and due_date < :today", "due_date, id"),
    SENT("status = 'AUTHORISED' and not coalesce(amount_due > 0 and due_date < :today, false)", "due_date, id"),
    PAID("status = 'PAID'", "date desc nulls last, id");

    /** Every invoice that has a derived status, newest first. */
    static final String ANY = "status in ('DRAFT', 'SUBMITTED', 'AUTHORISED', 'PAID')";
    static final String ANY_ORDER = "date desc nulls last, id";

    private final String condition;
    private final String order;

    InvoiceStatus(String condition, String order) {
        this.condition = condition;
        this.order = order;
    }

    /** Which rows have this status. */
    String condition() {
        return condition;
    }

    /** The list's order: what is due first for sent and overdue (oldest due first), else the newest invoice first. */
    String order() {
        return order;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<InvoiceStatus> of(String label) {
        return Arrays.stream(values()).filter(status -> status.label().equals(label)).findFirst();
    }

    static String labels() {
        return Arrays.stream(values()).map(InvoiceStatus::label).collect(Collectors.joining(", "));
    }

    /** A row's derived status as an SQL expression; the conditions do not overlap. */
    static String labelOf() {
        return Arrays.stream(values()).map(status -> "when " + status.condition + " then '" + status.label() + "'")
                .collect(Collectors.joining(" ", "case ", " end"));
    }
}
