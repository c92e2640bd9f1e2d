package com.fieldops.command.organization;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/** Today in an organisation's own timezone (its settings, else FIELDOPS_DEFAULT_TIMEZONE), never the server's. */
@Component
public class OrganizationClock {

    private final Repository<Organization> organizations;
    private final OrganizationDefaults defaults;

    public OrganizationClock(Repository<Organization> organizations, OrganizationDefaults defaults) {
        this.organizations = organizations;
        this.defaults = defaults;
    }

    public ZoneId zoneOf(UUID orgId) {
        try {
            String zone = organizations.load(orgId.toString()).invoke(Organization::timezone);
            return ZoneId.of(zone == null ? defaults.timezone() : zone);
        } catch (AggregateNotFoundException e) {
            return ZoneId.of(defaults.timezone());
        }
    }

    public LocalDate today(UUID orgId) {
        return LocalDate.now(zoneOf(orgId));
    }
}
