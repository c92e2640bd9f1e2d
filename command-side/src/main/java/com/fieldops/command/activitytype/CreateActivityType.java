package com.fieldops.command.activitytype;

import java.math.BigDecimal;
import java.util.UUID;

public record CreateActivityType(UUID activityTypeId, UUID orgId, String name, BigDecimal hourlyRate,
                                 String description, String xeroCode, boolean enabled) {
}
