package com.fieldops.command.xero.push;

import com.fieldops.events.activitytype.ActivityTypeCreated;
import com.fieldops.events.activitytype.ActivityTypeUpdated;
import com.fieldops.xero.XeroItemDraft;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * What a type looked like as a Xero Item right after one of its events, folded from its own event stream in the
 * event store. An update carries only what changed, and the push needs every field; reading the stream (a handful
 * of events per type) keeps no second copy of the price list that a replay, a rebuild or a lost table could make
 * disagree with the store, and it gives the state at that event, not whatever a later change left.
 */
@Component
@ConditionalOnProperty(name = "fieldops.xero.item-push.enabled", matchIfMissing = true)
class PushedItems {

    /** The Item fields of a type and whether Xero owns them. */
    record Item(XeroItemDraft draft, boolean xeroManaged) {
    }

    private final EventStore eventStore;

    PushedItems(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** The type as its events up to {@code sequence} (included) left it; empty for an unknown type. */
    Optional<Item> after(UUID activityTypeId, long sequence) {
        DomainEventStream events = eventStore.readEvents(activityTypeId.toString());
        Item item = null;
        while (events.hasNext() && events.peek().getSequenceNumber() <= sequence) {
            DomainEventMessage<?> message = events.next();
            if (message.getPayload() instanceof ActivityTypeCreated created) {
                item = new Item(new XeroItemDraft(created.xeroCode(), created.name(), created.description(),
                        created.hourlyRate()), created.xeroManaged());
            } else if (item != null && message.getPayload() instanceof ActivityTypeUpdated updated) {
                item = new Item(apply(item.draft(), updated), item.xeroManaged());
            }
        }
        return Optional.ofNullable(item);
    }

    private static XeroItemDraft apply(XeroItemDraft draft, ActivityTypeUpdated updated) {
        return new XeroItemDraft(
                updated.xeroCode() != null ? updated.xeroCode().newValue() : draft.code(),
                updated.name() != null ? updated.name().newValue() : draft.name(),
                updated.description() != null ? updated.description().newValue() : draft.description(),
                updated.hourlyRate() != null ? updated.hourlyRate().newValue() : draft.salesUnitPrice());
    }
}
