package com.fieldops.command.activitytype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fieldops.platform.problem.FieldMessage;
import com.fieldops.platform.problem.RuleViolation;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Body of PUT /api/activity-types/{id}: any subset of the create fields. A field that is absent is left alone; a
 * field sent as null clears description or xero_code. Read from the JSON tree because a record cannot tell
 * "absent" from "null".
 */
@Schema(name = "UpdateActivityTypeRequest", description = "Any subset of the create fields; null clears "
        + "description or xero_code; enabled=true re-enables a disabled type")
public record UpdateActivityTypeRequest(
        @Schema(minLength = 1, maxLength = 255) String name,
        @Schema(name = "hourly_rate", minimum = "0", maximum = "99999999.99", multipleOf = 0.01) BigDecimal hourlyRate,
        @Schema(maxLength = 1000, nullable = true) String description,
        @Schema(name = "xero_code", maxLength = 30, nullable = true) String xeroCode,
        Boolean enabled) {

    private static final Set<String> FIELDS = Set.of("name", "hourly_rate", "description", "xero_code", "enabled");

    static UpdateActivityType toCommand(UUID id, UUID orgId, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw RuleViolation.invalid("body", "must be a JSON object");
        }
        ObjectNode object = (ObjectNode) body;
        List<FieldMessage> errors = new ArrayList<>();
        Set<String> sent = new LinkedHashSet<>();
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (FIELDS.contains(field)) sent.add(field);
            else errors.add(new FieldMessage(field, "is not a known field"));
        }
        String name = text(object, "name", false, errors);
        BigDecimal rate = null;
        JsonNode rateNode = object.get("hourly_rate");
        if (rateNode != null && !rateNode.isNumber()) errors.add(new FieldMessage("hourly_rate", "must be a number"));
        else if (rateNode != null) rate = rateNode.decimalValue();
        String description = text(object, "description", true, errors);
        String xeroCode = text(object, "xero_code", true, errors);
        Boolean enabled = null;
        JsonNode enabledNode = object.get("enabled");
        if (enabledNode != null && !enabledNode.isBoolean()) errors.add(new FieldMessage("enabled", "must be a boolean"));
        else if (enabledNode != null) enabled = enabledNode.booleanValue();
        if (!errors.isEmpty()) throw RuleViolation.invalid(errors);
        return new UpdateActivityType(id, orgId, sent, name, rate, description, xeroCode, enabled);
    }

    private static String text(ObjectNode object, String field, boolean nullable, List<FieldMessage> errors) {
        JsonNode node = object.get(field);
        if (node == null) return null;
        if (node.isNull() && nullable) return null;
        if (!node.isTextual()) {
            errors.add(new FieldMessage(field, nullable ? "must be a string or null" : "must be a string"));
            return null;
        }
        return node.textValue();
    }
}
