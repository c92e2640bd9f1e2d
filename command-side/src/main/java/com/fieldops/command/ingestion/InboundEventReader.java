package com.fieldops.command.ingestion;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fieldops.events.CloudEvent;
import com.fieldops.events.CloudEventCodec;
import com.fieldops.events.EventSchemas;
import com.fieldops.events.FieldOpsEvent;
import com.fieldops.events.MalformedEventException;
import com.fieldops.platform.problem.FieldMessage;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads inbound CloudEvents (structured JSON mode) from internal services and tells valid from invalid. Valid means:
 * specversion 1.0, id, source and type present, a type of DESIGN §6's inbound list, {@code orgid} a UUID, JSON data
 * that satisfies the type's JSON Schema (formats such as uuid and date-time included) and decodes into the event
 * record. The data carries no org_id: the envelope's orgid is put into it before decoding (an org_id that is there
 * must agree with orgid).
 */
public final class InboundEventReader {

    /** DESIGN §6: what internal services may publish. FieldOps' own types (activity types, ...) are not among them. */
    public static final Set<String> TYPES = Set.of(
            "fieldops.job.created.v1", "fieldops.job.assigned.v1", "fieldops.job.status-changed.v1",
            "fieldops.project.created.v1", "fieldops.project.updated.v1",
            "fieldops.timesheet.submitted.v1", "fieldops.timesheet.approved.v1", "fieldops.timesheet.rejected.v1");

    private static final List<String> STRING_ATTRIBUTES =
            List.of("specversion", "id", "source", "type", "subject", "datacontenttype", "orgid");

    /** Longest id or source accepted: they are a primary key, not a document. */
    static final int MAX_ATTRIBUTE_LENGTH = 1024;

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** Exact numbers both ways, no duplicate keys, nothing after the value. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private InboundEventReader() {
    }

    /** The event, or what is wrong with the CloudEvent (field names as sent: attributes, then {@code data.…}). */
    public record Reading(InboundEvent event, List<FieldMessage> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /** A request body: one JSON value. Throws Jackson's exception, with its location, when it is not JSON. */
    public static JsonNode parseJson(byte[] body) throws IOException {
        JsonNode tree = JSON.readTree(body);
        if (tree == null || tree.isMissingNode()) throw new JsonParseFailure("the body is empty");
        return tree;
    }

    /** A Kafka record's value: the event, or {@link MalformedEventException} with every reason. */
    public static InboundEvent fromRecord(byte[] value) {
        if (value == null || value.length == 0) {
            throw new MalformedEventException("record has no value (a tombstone is not an event)");
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(value);
        } catch (IOException e) {
            String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw new MalformedEventException("not a CloudEvent in JSON: " + reason);
        }
        if (tree == null || !tree.isObject()) throw new MalformedEventException("not a CloudEvent in JSON: not an object");
        Reading reading = read(tree, value);
        if (!reading.valid()) {
            throw new MalformedEventException("inbound CloudEvent " + tree.path("id").asText("(no id)") + " from "
                    + tree.path("source").asText("(no source)") + " is invalid: " + describe(reading.errors()));
        }
        return reading.event();
    }

    /** One element of an HTTP body. */
    public static Reading read(JsonNode element) {
        return read(element, null);
    }

    /** {@code json} is the element's own bytes when at hand (a Kafka value), else it is written from the tree. */
    private static Reading read(JsonNode element, byte[] json) {
        if (element == null || !element.isObject()) {
            return invalid(new FieldMessage("", "must be a CloudEvent: a JSON object"));
        }
        // attributes of the wrong JSON type are named here; CloudEventCodec would only say it cannot read them
        List<FieldMessage> errors = new ArrayList<>();
        for (String attribute : STRING_ATTRIBUTES) {
            JsonNode value = element.get(attribute);
            if (value != null && !value.isNull() && !value.isTextual()) {
                errors.add(new FieldMessage(attribute, "must be a string"));
            }
        }
        JsonNode time = element.get("time");
        if (time != null && !time.isNull() && !isTimestamp(time)) {
            errors.add(new FieldMessage("time", "must be an RFC 3339 timestamp such as 2026-01-23T14:30:00Z"));
        }
        if (!errors.isEmpty()) return new Reading(null, List.copyOf(errors));
        CloudEvent cloudEvent;
        try {
            cloudEvent = CloudEventCodec.parse(json != null ? json : JSON.writeValueAsBytes(element));
        } catch (MalformedEventException | JsonProcessingException e) {
            return invalid(new FieldMessage("", e.getMessage()));
        }
        return read(cloudEvent);
    }

    public static Reading read(CloudEvent event) {
        List<FieldMessage> errors = new ArrayList<>();
        if (event.specversion() == null) {
            errors.add(new FieldMessage("specversion", "is required"));
        } else if (!CloudEvent.SPEC_VERSION.equals(event.specversion())) {
            errors.add(new FieldMessage("specversion", "must be " + CloudEvent.SPEC_VERSION));
        }
        requireText("id", event.id(), errors);
        requireText("source", event.source(), errors);
        boolean knownType = false;
        if (event.type() == null || event.type().isBlank()) {
            errors.add(new FieldMessage("type", "is required"));
        } else if (!TYPES.contains(event.type())) {
            errors.add(new FieldMessage("type", "unknown event type " + event.type() + "; accepted are "
                    + TYPES.stream().sorted().collect(Collectors.joining(", "))));
        } else {
            knownType = true;
        }
        UUID orgId = null;
        if (event.orgid() == null || event.orgid().isBlank()) {
            errors.add(new FieldMessage("orgid", "is required (the organisation the event belongs to)"));
        } else if (!UUID_TEXT.matcher(event.orgid()).matches()) {
            errors.add(new FieldMessage("orgid", "must be a UUID"));
        } else {
            orgId = UUID.fromString(event.orgid());
        }
        if (event.datacontenttype() != null && !isJson(event.datacontenttype())) {
            errors.add(new FieldMessage("datacontenttype", "must be application/json (structured JSON data)"));
        }
        JsonNode data = event.data();
        if (data == null || data.isNull()) {
            errors.add(new FieldMessage("data", "is required"));
        } else if (!data.isObject()) {
            errors.add(new FieldMessage("data", "must be a JSON object"));
        } else if (knownType) {
            errors.addAll(schemaViolations(event.type(), data));
            JsonNode dataOrg = data.get("org_id");
            if (orgId != null && dataOrg != null && dataOrg.isTextual() && UUID_TEXT.matcher(dataOrg.asText()).matches()
                    && !orgId.equals(UUID.fromString(dataOrg.asText()))) {
                errors.add(new FieldMessage("data.org_id", "differs from orgid; leave it out, orgid is the organisation"));
            }
        }
        if (!errors.isEmpty()) return new Reading(null, List.copyOf(errors));

        ObjectNode withOrg = ((ObjectNode) data).deepCopy();
        withOrg.put("org_id", orgId.toString());
        FieldOpsEvent fact;
        try {
            fact = CloudEventCodec.decodeData(new CloudEvent(event.specversion(), event.id(), event.source(),
                    event.type(), event.subject(), event.time(), event.datacontenttype(), event.orgid(), null, null,
                    null, null, withOrg));
        } catch (MalformedEventException e) {
            return invalid(new FieldMessage("data", e.getMessage()));
        }
        return new Reading(new InboundEvent(event.source(), event.id(), event.type(), orgId, fact), List.of());
    }

    /** "field: message; field: message", at most ten of them. */
    public static String describe(List<FieldMessage> errors) {
        String shown = errors.stream().limit(10)
                .map(error -> error.field().isEmpty() ? error.message() : error.field() + ": " + error.message())
                .collect(Collectors.joining("; "));
        return errors.size() > 10 ? shown + "; and " + (errors.size() - 10) + " more" : shown;
    }

    /** Every violation of the type's schema, formats (uuid, date-time, date) asserted, as {@code data.<field>}. */
    private static List<FieldMessage> schemaViolations(String type, JsonNode data) {
        return EventSchemas.violations(type, data).stream()
                .map(InboundEventReader::fieldMessage)
                .sorted(java.util.Comparator.comparing(FieldMessage::field).thenComparing(FieldMessage::message))
                .toList();
    }

    private static FieldMessage fieldMessage(ValidationMessage violation) {
        String location = violation.getInstanceLocation().toString(); // "$", "$.job_id", "$.changes.x"
        String field = "data" + (location.startsWith("$") ? location.substring(1) : "." + location);
        if ("required".equals(violation.getType()) && violation.getProperty() != null) {
            return new FieldMessage(field + "." + violation.getProperty(), "is required");
        }
        return new FieldMessage(field, violation.getError());
    }

    private static void requireText(String field, String value, List<FieldMessage> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldMessage(field, "is required"));
        } else if (value.length() > MAX_ATTRIBUTE_LENGTH) {
            errors.add(new FieldMessage(field, "must be at most " + MAX_ATTRIBUTE_LENGTH + " characters"));
        }
    }

    private static boolean isTimestamp(JsonNode time) {
        if (!time.isTextual()) return false;
        try {
            OffsetDateTime.parse(time.asText());
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isJson(String contentType) {
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json") || type.equals("text/json");
    }

    private static Reading invalid(FieldMessage error) {
        return new Reading(null, List.of(error));
    }

    /** An empty body is no JSON value either. */
    static final class JsonParseFailure extends IOException {
        JsonParseFailure(String message) {
            super(message);
        }
    }
}
