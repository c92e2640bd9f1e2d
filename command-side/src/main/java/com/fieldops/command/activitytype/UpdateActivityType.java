package com.fieldops.command.activitytype;

import java.math.BigDecimal;
import java.util.Set;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A partial update: {@code fields} names what the caller sent (snake_case); a sent null clears description or
 * xero_code. Fields not named are left alone.
 */
public record UpdateActivityType(@TargetAggregateIdentifier UUID activityTypeId, UUID orgId, Set<String> fields,
                                 String name, BigDecimal hourlyRate, String description, String xeroCode,
                                 Boolean enabled) {

    public boolean has(String field) {
        return fields.contains(field);
    }
}
