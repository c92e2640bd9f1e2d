package com.fieldops.command.timesheet;

import com.fieldops.command.activitytype.ActivityTypeRates;
import com.fieldops.command.organization.OrganizationClock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The timesheet rules' view of the price list and the organisation's calendar. */
@Configuration
public class TimesheetPortsConfiguration {

    @Bean
    TimesheetPorts.Rates timesheetRates(ActivityTypeRates activityTypes) {
        return (orgId, activityTypeId) -> activityTypes.find(orgId, activityTypeId)
                .map(type -> new TimesheetPorts.Rate(type.name(), type.hourlyRate(), type.enabled()));
    }

    @Bean
    TimesheetPorts.Calendar timesheetCalendar(OrganizationClock clock) {
        return clock::today;
    }
}
