package com.fieldops.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** JSON Schemas (2020-12) of the events' data, one file per type under {@code schemas/}. */
public final class EventSchemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<String, Optional<JsonSchema>> CACHE = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    public static Optional<JsonSchema> schemaOf(String type) {
        return CACHE.computeIfAbsent(type, EventSchemas::load);
    }

    /** The schema violations of {@code data} as messages, empty when it is valid. */
    public static List<String> validate(String type, JsonNode data) {
        return violations(type, data).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** The schema violations of {@code data}, formats (uuid, date, date-time) asserted too. */
    public static Set<ValidationMessage> violations(String type, JsonNode data) {
        JsonSchema schema = schemaOf(type)
                .orElseThrow(() -> new MalformedEventException("no schema for event type " + type));
        return schema.validate(data, context -> context.getExecutionConfig().setFormatAssertionsEnabled(true));
    }

    private static Optional<JsonSchema> load(String type) {
        try (InputStream in = EventSchemas.class.getResourceAsStream("/schemas/" + type + ".json")) {
            return in == null ? Optional.empty() : Optional.of(FACTORY.getSchema(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
