package com.fieldops.command.ingestion;

import com.fieldops.events.FieldOpsEvent;
import java.util.Objects;
import java.util.UUID;

/**
 * A valid inbound CloudEvent: who sent it ({@code source}), its id (together they identify it for the dedupe), its
 * type, its organisation ({@code orgid}) and the fact it reports, decoded into the event it becomes.
 */
public record InboundEvent(String source, String id, String type, UUID orgId, FieldOpsEvent fact) {

    public InboundEvent {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(fact, "fact");
    }

    /** The dedupe key: CloudEvents identifies an event by source and id. */
    public Key key() {
        return new Key(source, id);
    }

    public record Key(String source, String id) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int bySource = source.compareTo(other.source);
            return bySource != 0 ? bySource : id.compareTo(other.id);
        }
    }
}
