package com.fieldops.platform.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fieldops.platform.problem.FieldMessage;
import com.fieldops.platform.problem.RuleViolation;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The body of a partial update (PUT with any subset of fields), read from the JSON tree because a record cannot
 * tell a field that is absent (left alone) from one sent as null (cleared). Collects every problem, then
 * {@link #validated()} throws them together as a 400.
 */
public final class PartialBody {

    private final JsonNode body;
    private final Set<String> sent = new LinkedHashSet<>();
    private final List<FieldMessage> errors = new ArrayList<>();

    private PartialBody(JsonNode body, Set<String> known) {
        if (body == null || !body.isObject()) throw RuleViolation.invalid("body", "must be a JSON object");
        this.body = body;
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (known.contains(field)) sent.add(field);
            else errors.add(new FieldMessage(field, "is not a known field"));
        }
    }

    public static PartialBody of(JsonNode body, Set<String> known) {
        return new PartialBody(body, known);
    }

    /** The fields the caller sent. */
    public Set<String> sent() {
        return sent;
    }

    public String text(String field, boolean nullable) {
        JsonNode node = present(field, nullable);
        if (node == null) return null;
        if (!node.isTextual()) return wrong(field, nullable ? "must be a string or null" : "must be a string");
        return node.textValue();
    }

    public BigDecimal number(String field) {
        JsonNode node = present(field, false);
        if (node == null) return null;
        return node.isNumber() ? node.decimalValue() : wrong(field, "must be a number");
    }

    public Boolean bool(String field) {
        JsonNode node = present(field, false);
        if (node == null) return null;
        return node.isBoolean() ? node.booleanValue() : wrong(field, "must be a boolean");
    }

    public UUID uuid(String field) {
        String text = text(field, false);
        if (text == null) return null;
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return wrong(field, "must be a UUID");
        }
    }

    public LocalDate date(String field) {
        String text = text(field, false);
        if (text == null) return null;
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return wrong(field, "must be a date (YYYY-MM-DD)");
        }
    }

    /** Throws the collected problems as one 400; returns the fields sent when there are none. */
    public Set<String> validated() {
        if (!errors.isEmpty()) throw RuleViolation.invalid(errors);
        return sent;
    }

    private JsonNode present(String field, boolean nullable) {
        JsonNode node = body.get(field);
        if (node == null) return null;
        if (node.isNull()) {
            if (!nullable) errors.add(new FieldMessage(field, "may not be null"));
            return null;
        }
        return node;
    }

    private <T> T wrong(String field, String message) {
        errors.add(new FieldMessage(field, message));
        return null;
    }
}
