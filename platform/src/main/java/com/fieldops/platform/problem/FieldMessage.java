package com.fieldops.platform.problem;

/** One entry of a problem's {@code errors}: the offending field (snake_case, as sent) and what is wrong. */
public record FieldMessage(String field, String message) {
}
