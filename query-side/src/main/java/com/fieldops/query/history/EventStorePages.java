package com.fieldops.query.history;

import com.fieldops.events.CloudEvent;
import com.fieldops.events.store.AxonEventFormat;
import com.fieldops.events.store.AxonEventFormat.StoredEvent;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads one organisation's rows of the command side's event store ({@code domain_event_entry}; the two sides share
 * the database) a page at a time, in global order, by keyset ({@code global_index > after}), so neither the store
 * nor an organisation's history is ever read whole. The organisation is found through the expression index on the
 * organisation in the events' metadata (V12), which also gives the global order without a sort.
 */
@Component
public class EventStorePages {

    /**
     * Axon's JPA event store treats a gap in {@code global_index} as a transaction still in flight for this long
     * after the event that follows it was written (its {@code gapTimeout}), and looks at most this many positions
     * back (its {@code maxGapOffset}); the horizon uses the same rules as the Kafka publisher's processor.
     */
    static final int GAP_TIMEOUT_SECONDS = 60;
    static final int MAX_GAP_OFFSET = 10_000;

    private final JdbcClient jdbc;
    private final String source;

    public EventStorePages(JdbcClient jdbc, @Value("${fieldops.source:/fieldops/command-side}") String source) {
        this.jdbc = jdbc;
        this.source = source;
    }

    /** The CloudEvent the Kafka publisher makes of a stored event; empty for what is not a FieldOps event. */
    public Optional<CloudEvent> cloudEvent(StoredEvent stored) {
        return AxonEventFormat.toCloudEvent(stored, source);
    }

    /**
     * Which rows to read. Null fields do not filter (a null organisation: every organisation's events, as a
     * rebuild of whole read models reads them); {@code payloadTypes} is Axon's payload type (the event class
     * name), empty for none at all.
     *
     * @param to    exclusive, so consecutive windows [from, to) neither overlap nor leave a hole
     * @param upTo  highest position to read (see {@link #horizon()})
     */
    public record Filter(UUID orgId, Instant from, Instant to, Collection<String> payloadTypes, String subject,
                         long upTo) {

        public static Filter wholeHistory(UUID orgId) {
            return new Filter(orgId, null, null, null, null, Long.MAX_VALUE);
        }
    }

    /** Up to {@code limit} rows after position {@code after}, oldest first; fewer only on the last page. */
    public List<StoredEvent> page(Filter filter, long after, int limit) {
        if (filter.payloadTypes() != null && filter.payloadTypes().isEmpty()) return List.of();
        // conditions only when given (no ":x is null or …"), so a prepared statement's generic plan stays as good
        // as a custom one and always walks the (organisation, global_index) index
        StringBuilder sql = new StringBuilder("""
                select global_index, event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                       payload_type, payload_revision, payload, meta_data
                from domain_event_entry
                where global_index > :after""");
        if (filter.orgId() != null) sql.append(" and fieldops_event_org(meta_data) = :org");
        if (filter.upTo() != Long.MAX_VALUE) sql.append(" and global_index <= :upTo");
        // time_stamp is Instant.toString(), whose variable-length fraction does not sort as text: compare times
        if (filter.from() != null) sql.append(" and time_stamp::timestamptz >= :from");
        if (filter.to() != null) sql.append(" and time_stamp::timestamptz < :to");
        if (filter.payloadTypes() != null) sql.append(" and payload_type in (:types)");
        if (filter.subject() != null) sql.append(" and aggregate_identifier = :subject");
        sql.append(" order by global_index limit :limit");
        JdbcClient.StatementSpec statement = jdbc.sql(sql.toString())
                .param("after", after).param("limit", limit);
        if (filter.orgId() != null) statement = statement.param("org", filter.orgId().toString());
        if (filter.upTo() != Long.MAX_VALUE) statement = statement.param("upTo", filter.upTo());
        if (filter.from() != null) statement = statement.param("from", utc(filter.from()));
        if (filter.to() != null) statement = statement.param("to", utc(filter.to()));
        if (filter.payloadTypes() != null) statement = statement.param("types", List.copyOf(filter.payloadTypes()));
        if (filter.subject() != null) statement = statement.param("subject", filter.subject());
        return statement.query((row, n) -> new StoredEvent(row.getLong(1), row.getString(2), row.getString(3),
                        row.getLong(4), row.getString(5), row.getString(6), row.getString(7), row.getString(8),
                        row.getBytes(9), row.getBytes(10)))
                .list();
    }

    /**
     * The highest position below which no event can still appear: positions are taken from a sequence before the
     * transaction commits, so a later position can be visible while an earlier one is still being written. A gap
     * followed by an event younger than {@value #GAP_TIMEOUT_SECONDS} s may be such a write; the horizon stops below
     * the first one. Without it, a client resuming with {@code after} would skip that event for ever. Older gaps are
     * rolled-back transactions and stay gaps. {@link Long#MAX_VALUE} when there is no young gap.
     */
    public long horizon() {
        return jdbc.sql("""
                        select coalesce(min(previous + 1) - 1, 9223372036854775807)
                        from (select global_index, time_stamp,
                                     lag(global_index) over (order by global_index) as previous
                              from domain_event_entry
                              where global_index > (select coalesce(max(global_index), 0) from domain_event_entry)
                                                   - :maxGapOffset) tail
                        where global_index > previous + 1
                          and time_stamp::timestamptz > now() - make_interval(secs => :gapTimeout)""")
                .param("maxGapOffset", MAX_GAP_OFFSET).param("gapTimeout", GAP_TIMEOUT_SECONDS)
                .query(Long.class).single();
    }

    private static OffsetDateTime utc(Instant time) {
        return time.atOffset(ZoneOffset.UTC);
    }
}
