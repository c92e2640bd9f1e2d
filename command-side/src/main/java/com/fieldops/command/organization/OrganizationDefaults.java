package com.fieldops.command.organization;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** What an organisation runs on until an admin sets its own settings. */
@Component
public class OrganizationDefaults {

    private final String timezone;

    public OrganizationDefaults(@Value("${fieldops.default-timezone:UTC}") String timezone) {
        this.timezone = timezone;
    }

    public String timezone() {
        return timezone;
    }
}
