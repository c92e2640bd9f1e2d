package com.fieldops.command.activitytype;

import com.fieldops.command.messaging.ActorMetaData;
import com.fieldops.events.Change;
import com.fieldops.events.EventCatalog;
import com.fieldops.events.activitytype.ActivityTypeCreated;
import com.fieldops.events.activitytype.ActivityTypeDisabled;
import com.fieldops.events.activitytype.ActivityTypeEnabled;
import com.fieldops.events.activitytype.ActivityTypeUpdated;
import com.fieldops.events.activitytype.ActivityTypeXeroPushFailed;
import com.fieldops.events.activitytype.ActivityTypeXeroPushed;
import java.util.ArrayList;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** The audit trail of a price-list entry, read straight from its event stream in the event store. */
@Component
public class ActivityTypeHistory {

    private final EventStore eventStore;

    public ActivityTypeHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** Empty when the type does not exist in the caller's organisation (a type always has its created event). */
    @QueryHandler
    public List<ActivityTypeHistoryEntry> handle(FindActivityTypeHistory query) {
        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(query.activityTypeId().toString())
                .asStream().toList();
        if (events.isEmpty() || !(events.get(0).getPayload() instanceof ActivityTypeCreated created)
                || !created.orgId().equals(query.orgId())) {
            return List.of();
        }
        List<ActivityTypeHistoryEntry> entries = new ArrayList<>(events.size());
        // push outcomes show as a change of xero_push_error, whose old value is the previous outcome's
        String pushError = null;
        for (DomainEventMessage<?> message : events) {
            Object event = message.getPayload();
            Map<String, Change<?>> changes;
            if (event instanceof ActivityTypeXeroPushFailed failed) {
                changes = Map.of("xero_push_error", Change.of(pushError, failed.summary()));
                pushError = failed.summary();
            } else if (event instanceof ActivityTypeXeroPushed) {
                changes = Map.of("xero_push_error", Change.of(pushError, null));
                pushError = null;
            } else {
                changes = changes(event);
            }
            entries.add(entry(message, changes));
        }
        return entries;
    }

    private static ActivityTypeHistoryEntry entry(DomainEventMessage<?> message, Map<String, Change<?>> changes) {
        return new ActivityTypeHistoryEntry(UUID.fromString(message.getIdentifier()),
                EventCatalog.typeOf(message.getPayload().getClass()),
                message.getTimestamp().truncatedTo(ChronoUnit.MILLIS), ActorMetaData.actorId(message.getMetaData()),
                ActorMetaData.actorName(message.getMetaData()), changes);
    }

    private static Map<String, Change<?>> changes(Object event) {
        if (event instanceof ActivityTypeCreated created) {
            Map<String, Change<?>> changes = new LinkedHashMap<>();
            changes.put("name", Change.of(null, created.name()));
            changes.put("hourly_rate", Change.of(null, created.hourlyRate()));
            changes.put("description", Change.of(null, created.description()));
            changes.put("xero_code", Change.of(null, created.xeroCode()));
            changes.put("xero_managed", Change.of(null, created.xeroManaged()));
            changes.put("enabled", Change.of(null, created.enabled()));
            return changes;
        }
        if (event instanceof ActivityTypeUpdated updated) return updated.changes();
        if (event instanceof ActivityTypeDisabled) return Map.of("enabled", Change.of(true, false));
        if (event instanceof ActivityTypeEnabled) return Map.of("enabled", Change.of(false, true));
        return Map.of();
    }
}
