package com.fieldops.events.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fieldops.events.CloudEvent;
import com.fieldops.events.CloudEventCodec;
import com.fieldops.events.EventCatalog;
import com.fieldops.events.EventVersions;
import com.fieldops.events.FieldOpsEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * How the command side's Axon event store (table {@code domain_event_entry}) holds FieldOps events, in one place:
 * the Jackson settings of the serializer Axon writes them with, the metadata keys that name the organisation and
 * the actor, and how a stored row turns into the CloudEvent the Kafka publisher would make of it. The command side
 * configures Axon with {@link #newMapper()} and {@link #ORG_ID} etc.; the query side reads rows with
 * {@link #toCloudEvent} without depending on Axon.
 */
public final class AxonEventFormat {

    /** Metadata key of the organisation (correlation data of every command and so of its events). */
    public static final String ORG_ID = "orgId";
    public static final String ACTOR_ID = "actorId";
    public static final String ACTOR_NAME = "actorName";

    private static final ObjectMapper READER = newMapper();
    /** Axon's JacksonSerializer names a payload by its class; only catalogued events are FieldOps events. */
    private static final Map<String, Class<? extends FieldOpsEvent>> BY_PAYLOAD_TYPE = EventCatalog.all().values()
            .stream().collect(Collectors.toUnmodifiableMap(Class::getName, type -> type));

    private AxonEventFormat() {
    }

    /**
     * A fresh mapper with the settings Axon's serializer uses (Axon registers its own module on the mapper it gets,
     * hence a new one per serializer): exact decimals, ISO-8601 times, lenient about unknown fields so stored
     * history stays readable whatever the HTTP layer's settings are.
     */
    public static ObjectMapper newMapper() {
        return new ObjectMapper()
                .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                .registerModule(new JavaTimeModule())
                .registerModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /** The columns of one {@code domain_event_entry} row that make an event. */
    public record StoredEvent(long globalIndex, String eventIdentifier, String aggregateIdentifier,
                              long sequenceNumber, String aggregateType, String timestamp, String payloadType,
                              String payloadRevision, byte[] payload, byte[] metaData) {
    }

    /**
     * The CloudEvent the Kafka publisher sends for this row (same id, subject, time, sequence, position and data),
     * or empty when the row is not a FieldOps event (the publisher does not send those either).
     *
     * @param source the publishing side's {@code fieldops.source}
     */
    public static Optional<CloudEvent> toCloudEvent(StoredEvent row, String source) {
        Class<? extends FieldOpsEvent> type = BY_PAYLOAD_TYPE.get(row.payloadType());
        if (type == null) return Optional.empty();
        try {
            FieldOpsEvent event = read(row, type);
            JsonNode metaData = row.metaData() == null ? READER.createObjectNode() : READER.readTree(row.metaData());
            // a non-domain event (no aggregate type) is stored under its own id with sequence 0: it has no sequence
            Long sequence = row.aggregateType() == null ? null : row.sequenceNumber();
            return Optional.of(CloudEventCodec.encode(event, new CloudEventCodec.Envelope(
                    UUID.fromString(row.eventIdentifier()), source, row.aggregateIdentifier(),
                    Instant.parse(row.timestamp()), event.orgId(), uuid(metaData.path(ACTOR_ID)),
                    text(metaData.path(ACTOR_NAME)), sequence, row.globalIndex())));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("stored event " + row.eventIdentifier() + " (" + row.payloadType()
                    + ") is unreadable", e);
        }
    }

    /**
     * The payload as the current version of its event. Axon's serializer stores the version of the event's type as
     * its payload revision (none before revisions were written: version 1); an older one is upcast as the command
     * side's upcaster chain does it, so this reader and the Kafka publisher see the same event.
     */
    private static FieldOpsEvent read(StoredEvent row, Class<? extends FieldOpsEvent> type) throws IOException {
        int version = storedVersion(row.payloadRevision());
        if (version == EventVersions.currentVersion(type)) return READER.readValue(row.payload(), type);
        JsonNode payload = READER.readTree(row.payload());
        if (!(payload instanceof ObjectNode data)) {
            throw new IOException("payload is not a JSON object");
        }
        return READER.treeToValue(EventVersions.toCurrent(type, version, data, EventVersions.Form.STORED), type);
    }

    /**
     * The payload revision Axon stores with an event: the version of its type ({@code "2"} for
     * {@code fieldops.timesheet.created.v2}), null for anything that is not a FieldOps event.
     */
    public static String revisionOf(Class<?> payloadType) {
        return BY_PAYLOAD_TYPE.containsKey(payloadType.getName())
                ? String.valueOf(EventVersions.currentVersion(payloadType)) : null;
    }

    /** The FieldOps event class Axon stored under this payload type name, if it is one. */
    public static Optional<Class<? extends FieldOpsEvent>> eventClass(String payloadType) {
        return Optional.ofNullable(BY_PAYLOAD_TYPE.get(payloadType));
    }

    /** The event type version of a stored payload revision; events stored without one are version 1. */
    public static int storedVersion(String payloadRevision) {
        return payloadRevision == null ? 1 : Integer.parseInt(payloadRevision);
    }

    private static UUID uuid(JsonNode value) {
        String text = text(value);
        return text == null ? null : UUID.fromString(text);
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : null;
    }
}
