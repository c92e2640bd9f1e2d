package com.fieldops.query.projection;

import com.fieldops.events.CloudEvent;
import com.fieldops.events.store.AxonEventFormat.StoredEvent;
import com.fieldops.query.history.EventStorePages;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * One organisation's events, read straight from the command side's event store in global order and as the
 * CloudEvents the Kafka publisher makes of them, a page at a time, so the store is never read whole.
 */
@Component
public class EventStoreHistory {

    private static final int PAGE = 500;

    private final EventStorePages pages;

    public EventStoreHistory(EventStorePages pages) {
        this.pages = pages;
    }

    /**
     * Hands every FieldOps event of the organisation that is committed when its page is read to {@code each}, oldest
     * first.
     *
     * @return how many events were handed over
     */
    public long forEach(UUID orgId, Consumer<CloudEvent> each) {
        EventStorePages.Filter filter = EventStorePages.Filter.wholeHistory(orgId);
        long count = 0;
        long after = -1;
        List<StoredEvent> page;
        do {
            page = pages.page(filter, after, PAGE);
            for (StoredEvent stored : page) {
                after = stored.globalIndex();
                var event = pages.cloudEvent(stored);
                if (event.isPresent()) {
                    each.accept(event.get());
                    count++;
                }
            }
        } while (page.size() == PAGE);
        return count;
    }
}
