package com.fieldops.command.activitytype;

import com.fieldops.platform.api.ActivityTypeResource;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** What a command left the type as; {@code version} is the sequence number of its last event. */
public record ActivityTypeState(UUID id, UUID orgId, String name, BigDecimal hourlyRate, String description,
                                String xeroCode, boolean xeroManaged, boolean enabled, Instant createdAt,
                                Instant updatedAt, String xeroPushError, long version) {

    public ActivityTypeResource resource() {
        return new ActivityTypeResource(id, name, hourlyRate, description, xeroCode, xeroManaged, enabled, createdAt,
                updatedAt, xeroPushError);
    }
}
