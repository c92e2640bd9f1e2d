package com.fieldops.platform.problem;

import java.util.List;

/**
 * A domain rule refused a request. The kind decides the HTTP status: bad input 400, not the caller's to do 403,
 * unknown or foreign id 404, a uniqueness conflict or illegal transition 409, a forbidden change 422.
 */
public class RuleViolation extends RuntimeException {

    public enum Kind { INVALID, FORBIDDEN, NOT_FOUND, CONFLICT, FORBIDDEN_CHANGE }

    private final Kind kind;
    private final List<FieldMessage> errors;

    public RuleViolation(Kind kind, String detail, List<FieldMessage> errors) {
        super(detail);
        this.kind = kind;
        this.errors = List.copyOf(errors);
    }

    public static RuleViolation invalid(String field, String message) {
        return new RuleViolation(Kind.INVALID, field + ": " + message, List.of(new FieldMessage(field, message)));
    }

    public static RuleViolation invalid(List<FieldMessage> errors) {
        return new RuleViolation(Kind.INVALID, errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid", errors);
    }

    public static RuleViolation forbidden(String message) {
        return new RuleViolation(Kind.FORBIDDEN, message, List.of());
    }

    public static RuleViolation notFound(String what) {
        return new RuleViolation(Kind.NOT_FOUND, what + " not found", List.of());
    }

    public static RuleViolation conflict(String field, String message) {
        return new RuleViolation(Kind.CONFLICT, message, List.of(new FieldMessage(field, message)));
    }

    public static RuleViolation forbiddenChange(String field, String message) {
        return new RuleViolation(Kind.FORBIDDEN_CHANGE, message, List.of(new FieldMessage(field, message)));
    }

    public Kind kind() {
        return kind;
    }

    public List<FieldMessage> errors() {
        return errors;
    }
}
