package com.fieldops.query.history;

import com.fieldops.events.CloudEvent;
import com.fieldops.events.CloudEventCodec;
import com.fieldops.events.store.AxonEventFormat.StoredEvent;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Writes an organisation's events from the event store as NDJSON: one CloudEvent per line, exactly as the Kafka
 * publisher sends it (same id, type, time, sequence, {@code position}, data). Reads a page, writes it, flushes it,
 * so memory holds one page whatever the history's size, and a client sees the stream progress page by page.
 */
@Component
public class EventExport {

    static final int PAGE = 1_000;
    private static final int BUFFER = 64 * 1024;

    private final EventStorePages pages;

    public EventExport(EventStorePages pages) {
        this.pages = pages;
    }

    /** The horizon of an export starting now: see {@link EventStorePages#horizon()}. */
    public long horizon() {
        return pages.horizon();
    }

    /**
     * Writes the events after position {@code after} that {@code filter} selects, oldest first.
     *
     * @return how many events were written
     */
    public long write(EventStorePages.Filter filter, long after, OutputStream target) throws IOException {
        long written = 0;
        try (CloudEventCodec.NdjsonWriter out = CloudEventCodec.ndjson(new BufferedOutputStream(target, BUFFER))) {
            List<StoredEvent> page;
            do {
                page = pages.page(filter, after, PAGE);
                for (StoredEvent row : page) {
                    after = row.globalIndex();
                    Optional<CloudEvent> event = pages.cloudEvent(row);
                    if (event.isPresent()) {
                        out.write(event.get());
                        written++;
                    }
                }
                out.flush();
            } while (page.size() == PAGE);
        }
        return written;
    }
}
