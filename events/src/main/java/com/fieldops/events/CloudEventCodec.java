package com.fieldops.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Turns event records into CloudEvents and back. Event data is snake_case JSON; money stays exact
 * ({@code BigDecimal} both ways, never a double).
 */
public final class CloudEventCodec {

    private static final ObjectMapper ENVELOPE = baseMapper();
    private static final ObjectMapper DATA = baseMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private CloudEventCodec() {
    }

    /** Metadata of an event taken from the event store or an inbound message. */
    public record Envelope(UUID id, String source, String subject, Instant time, UUID orgId, UUID actorId,
                           String actorName, Long sequence, Long position) {
    }

    public static CloudEvent encode(Object event, Envelope envelope) {
        return new CloudEvent(CloudEvent.SPEC_VERSION, envelope.id().toString(), envelope.source(),
                EventCatalog.typeOf(event.getClass()), envelope.subject(),
                envelope.time().truncatedTo(ChronoUnit.MILLIS), CloudEvent.JSON,
                envelope.orgId() == null ? null : envelope.orgId().toString(),
                envelope.actorId() == null ? null : envelope.actorId().toString(), envelope.actorName(),
                envelope.sequence(), envelope.position(), DATA.valueToTree(event));
    }

    public static byte[] toBytes(CloudEvent event) {
        try {
            return ENVELOPE.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write CloudEvent " + event.id(), e);
        }
    }

    /**
     * Writes CloudEvents as NDJSON (one per line) to {@code out} through one JSON generator: no byte array per event,
     * and nothing is flushed until {@link NdjsonWriter#flush()}. Closing the writer leaves {@code out} open.
     */
    public static NdjsonWriter ndjson(OutputStream out) throws IOException {
        JsonGenerator generator = ENVELOPE.getFactory().createGenerator(out)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        generator.setRootValueSeparator(null); // lines are separated by newlines, not Jackson's default space
        return new NdjsonWriter(generator);
    }

    /** See {@link #ndjson(OutputStream)}. */
    public static final class NdjsonWriter implements Flushable, Closeable {

        // Jackson flushes after every root value by default, which would send a network packet per event
        private static final ObjectWriter LINE = ENVELOPE.writer()
                .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

        private final JsonGenerator generator;

        private NdjsonWriter(JsonGenerator generator) {
            this.generator = generator;
        }

        public void write(CloudEvent event) throws IOException {
            LINE.writeValue(generator, event);
            generator.writeRaw('\n');
        }

        @Override
        public void flush() throws IOException {
            generator.flush();
        }

        @Override
        public void close() throws IOException {
            generator.close();
        }
    }

    /** Parses a structured-mode CloudEvent; throws {@link MalformedEventException} when it is not one. */
    public static CloudEvent parse(byte[] json) {
        try {
            JsonNode tree = ENVELOPE.readTree(json);
            if (tree == null || !tree.isObject()) {
                throw new MalformedEventException("not a JSON object");
            }
            return ENVELOPE.treeToValue(tree, CloudEvent.class);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not a CloudEvent in JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedEventException("unreadable CloudEvent: " + e.getMessage());
        }
    }

    /**
     * The event record carried by a CloudEvent of a known type; data of a superseded version is upcast to the
     * current one first (the CloudEvent itself is left as it is).
     */
    public static FieldOpsEvent decodeData(CloudEvent event) {
        Class<? extends FieldOpsEvent> eventClass = EventCatalog.classOf(event.type())
                .orElseThrow(() -> new MalformedEventException("unknown event type " + event.type()));
        try {
            JsonNode data = event.data();
            int version = EventVersions.versionOf(event.type());
            if (version < EventVersions.currentVersion(eventClass)) {
                if (!(data instanceof ObjectNode object)) {
                    throw new MalformedEventException("data of " + event.type() + " is not a JSON object");
                }
                data = EventVersions.toCurrent(eventClass, version, object.deepCopy(), EventVersions.Form.PUBLISHED);
            }
            return DATA.treeToValue(data, eventClass);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException("data of " + event.type() + " does not fit its schema: "
                    + e.getMessage());
        }
    }

    /** The snake_case JSON form of an event record, as it appears in a CloudEvent's data. */
    public static JsonNode dataOf(Object event) {
        return DATA.valueToTree(event);
    }

    private static ObjectMapper baseMapper() {
        return new ObjectMapper()
                .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    }
}
