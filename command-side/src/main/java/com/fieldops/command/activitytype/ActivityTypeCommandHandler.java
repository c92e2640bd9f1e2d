package com.fieldops.command.activitytype;

import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Creates types through the repository so that the caller gets the new state (timestamps, version) back, and routes a
 * Xero Item to the type holding its code (found in the uniqueness lookup, written in the commands' transactions).
 */
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

    @CommandHandler
    public RecordedXeroItem handle(RecordXeroItem command) throws Exception {
        Optional<UUID> holder = command.code() == null ? Optional.empty()
                : uniqueness.ownerOfXeroCode(command.orgId(), command.code());
        if (holder.isPresent()) {
            RecordedXeroItem.Outcome outcome = repository.load(holder.get().toString())
                    .invoke(type -> type.record(command, uniqueness));
            return new RecordedXeroItem(holder.get(), outcome);
        }
        UUID created = UUID.randomUUID();
        repository.newInstance(() -> new ActivityType(created, command, uniqueness));
        return new RecordedXeroItem(created, RecordedXeroItem.Outcome.CREATED);
    }
}
