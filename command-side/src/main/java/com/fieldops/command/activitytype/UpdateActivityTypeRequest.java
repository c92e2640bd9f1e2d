package com.fieldops.command.activitytype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fieldops.platform.web.PartialBody;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
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
        PartialBody fields = PartialBody.of(body, FIELDS);
        String name = fields.text("name", false);
        BigDecimal rate = fields.number("hourly_rate");
        String description = fields.text("description", true);
        String xeroCode = fields.text("xero_code", true);
        Boolean enabled = fields.bool("enabled");
        return new UpdateActivityType(id, orgId, fields.validated(), name, rate, description, xeroCode, enabled);
    }
}
