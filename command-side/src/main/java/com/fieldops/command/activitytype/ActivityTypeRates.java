package com.fieldops.command.activitytype;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/** The price list as other aggregates' rules need it: read from the event-sourced type, never a stale copy. */
@Component
public class ActivityTypeRates {

    /** A type's name, current rate and whether it may be used. */
    public record Rate(UUID activityTypeId, String name, BigDecimal hourlyRate, boolean enabled) {
    }

    private final Repository<ActivityType> repository;

    public ActivityTypeRates(Repository<ActivityType> repository) {
        this.repository = repository;
    }

    /** Empty when no such type exists in that organisation. */
    public Optional<Rate> find(UUID orgId, UUID activityTypeId) {
        try {
            ActivityTypeState state = repository.load(activityTypeId.toString()).invoke(ActivityType::state);
            if (!state.orgId().equals(orgId)) return Optional.empty();
            return Optional.of(new Rate(state.id(), state.name(), state.hourlyRate(), state.enabled()));
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
    }
}
