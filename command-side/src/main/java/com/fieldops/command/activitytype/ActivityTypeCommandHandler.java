package com.fieldops.command.activitytype;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/** Creates types through the repository so that the caller gets the new state (timestamps, version) back. */
@Component
public class ActivityTypeCommandHandler {

    private final Repository<ActivityType> repository;
    private final ActivityTypeUniqueness uniqueness;

    public ActivityTypeCommandHandler(Repository<ActivityType> repository, ActivityTypeUniqueness uniqueness) {
        this.repository = repository;
        this.uniqueness = uniqueness;
    }

    @CommandHandler
    public ActivityTypeState handle(CreateActivityType command) throws Exception {
        return repository.newInstance(() -> new ActivityType(command, uniqueness)).invoke(ActivityType::state);
    }
}
