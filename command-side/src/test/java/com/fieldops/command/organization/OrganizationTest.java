package com.fieldops.command.organization;

import com.fieldops.events.Change;
import com.fieldops.events.organization.OrganizationSettingsChanged;
import com.fieldops.platform.problem.RuleViolation;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrganizationTest {

    private final UUID org = UUID.randomUUID();
    private AggregateTestFixture<Organization> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Organization.class);
        fixture.registerInjectableResource(new OrganizationDefaults("UTC"));
    }

    @Test
    void theFirstChangeRecordsTheTimezoneTheOrganisationRanOn() {
        fixture.givenNoPriorActivity()
                .when(new ChangeOrganizationSettings(org, null, "NZD"))
                .expectEvents(new OrganizationSettingsChanged(org, Change.of(null, "UTC"), Change.of(null, "NZD")));
    }

    @Test
    void laterChangesCarryOnlyWhatChanged() {
        fixture.given(new OrganizationSettingsChanged(org, Change.of(null, "UTC"), null))
                .when(new ChangeOrganizationSettings(org, "Pacific/Auckland", null))
                .expectEvents(new OrganizationSettingsChanged(org, Change.of("UTC", "Pacific/Auckland"), null));
        fixture.given(new OrganizationSettingsChanged(org, Change.of(null, "Pacific/Auckland"), Change.of(null, "NZD")))
                .when(new ChangeOrganizationSettings(org, "Pacific/Auckland", "NZD"))
                .expectNoEvents();
    }

    @Test
    void onlyIanaZonesAndIsoCurrencies() {
        for (ChangeOrganizationSettings bad : new ChangeOrganizationSettings[] {
                new ChangeOrganizationSettings(org, "Mars/Olympus", null),
                new ChangeOrganizationSettings(org, "+13:00", null),
                new ChangeOrganizationSettings(org, null, "nzd"),
                new ChangeOrganizationSettings(org, null, "XYZ"),
                new ChangeOrganizationSettings(org, null, null)}) {
            fixture.givenNoPriorActivity().when(bad).expectException(RuleViolation.class).expectNoEvents();
        }
    }
}
