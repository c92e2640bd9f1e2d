package com.fieldops.command.ingestion;

import java.util.List;
import java.util.UUID;

/**
 * Ingest valid inbound events in one unit of work (one database transaction): each is recorded as received and
 * turned into its aggregate's event, or the whole command fails and nothing of it remains. {@code actorId} is the
 * service's user id when it came over HTTP, null from Kafka.
 */
public record IngestInboundEvents(List<InboundEvent> events, UUID actorId) {

    public IngestInboundEvents {
        events = List.copyOf(events);
    }
}
