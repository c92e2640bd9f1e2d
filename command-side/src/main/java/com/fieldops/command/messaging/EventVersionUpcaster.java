package com.fieldops.command.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fieldops.events.EventVersions;
import com.fieldops.events.FieldOpsEvent;
import com.fieldops.events.store.AxonEventFormat;
import java.util.Optional;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads every stored FieldOps event of an older version as its current version, for everything that reads the
 * event store through Axon: aggregates being sourced and the Kafka publisher. The payload revision is the version
 * of the event's type (AxonEventFormat); the upcasts themselves are the published contract's (EventVersions),
 * applied to the stored JSON form, so readers of the store without Axon upcast exactly alike.
 */
public class EventVersionUpcaster extends SingleEventUpcaster {

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return olderVersion(representation).isPresent();
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        Class<? extends FieldOpsEvent> eventClass = AxonEventFormat.eventClass(representation.getType().getName())
                .orElseThrow();
        int version = olderVersion(representation).orElseThrow();
        return representation.upcastPayload(
                new SimpleSerializedType(eventClass.getName(), AxonEventFormat.revisionOf(eventClass)),
                JsonNode.class,
                payload -> EventVersions.toCurrent(eventClass, version, ((ObjectNode) payload).deepCopy(),
                        EventVersions.Form.STORED));
    }

    /** The stored version when it is older than the event's current one. */
    private static Optional<Integer> olderVersion(IntermediateEventRepresentation representation) {
        return AxonEventFormat.eventClass(representation.getType().getName()).flatMap(eventClass -> {
            int stored = AxonEventFormat.storedVersion(representation.getType().getRevision());
            return stored < EventVersions.currentVersion(eventClass) ? Optional.of(stored) : Optional.empty();
        });
    }
}
