package com.fieldops.command.organization;

import com.fieldops.platform.api.OrganizationSettingsResource;
import java.time.Instant;

/** The settings after a command; {@code version} is the sequence number of the organisation's last event. */
public record OrganizationSettingsState(String timezone, String currency, Instant updatedAt, long version) {

    public OrganizationSettingsResource resource() {
        return new OrganizationSettingsResource(timezone, currency, updatedAt);
    }
}
