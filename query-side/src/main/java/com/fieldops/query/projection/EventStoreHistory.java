package com.fieldops.query.projection;

import com.fieldops.events.CloudEvent;
import com.fieldops.events.store.AxonEventFormat;
import com.fieldops.events.store.AxonEventFormat.StoredEvent;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One organisation's events, read straight from the command side's event store (the two sides share the database),
 * in global order and as the CloudEvents the Kafka publisher makes of them. Found through the expression index on
 * the organisation in the events' metadata (V12), a page at a time, so the store is never read whole.
 */
@Component
public class EventStoreHistory {

    private static final int PAGE = 500;

    private final JdbcClient jdbc;
    private final String source;

    public EventStoreHistory(JdbcClient jdbc, @Value("${fieldops.source:/fieldops/command-side}") String source) {
        this.jdbc = jdbc;
        this.source = source;
    }

    /**
     * Hands every FieldOps event of the organisation that is committed when its page is read to {@code each}, oldest
     * first.
     *
     * @return how many events were handed over
     */
    public long forEach(UUID orgId, Consumer<CloudEvent> each) {
        long count = 0;
        long after = -1;
        List<StoredEvent> page;
        do {
            page = jdbc.sql("""
                            select global_index, event_identifier, aggregate_identifier, sequence_number, type,
                                   time_stamp, payload_type, payload, meta_data
                            from domain_event_entry
                            where fieldops_event_org(meta_data) = :org and global_index > :after
                            order by global_index
                            limit :page""")
                    .param("org", orgId.toString()).param("after", after).param("page", PAGE)
                    .query((row, n) -> new StoredEvent(row.getLong(1), row.getString(2), row.getString(3),
                            row.getLong(4), row.getString(5), row.getString(6), row.getString(7), row.getBytes(8),
                            row.getBytes(9)))
                    .list();
            for (StoredEvent stored : page) {
                after = stored.globalIndex();
                var event = AxonEventFormat.toCloudEvent(stored, source);
                if (event.isPresent()) {
                    each.accept(event.get());
                    count++;
                }
            }
        } while (page.size() == PAGE);
        return count;
    }
}
