package com.fieldops.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fieldops.events.timesheet.TimesheetCreated;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The superseded versions of event types and how their data becomes the current version's (upcasting). Stored
 * and published history is never rewritten: an event of an older version is upcast whenever it is read, by the
 * aggregates and the Kafka publisher (through Axon's upcaster chain on the event store), by readers of the store
 * without Axon ({@code AxonEventFormat}) and by consumers of {@code fieldops.events}, where records of the old
 * version stay for ever ({@link CloudEventCodec#decodeData}). The policy is docs/events.md.
 */
public final class EventVersions {

    /** The two JSON forms of an event's data; an upcast names the record's fields in the form it is given. */
    public enum Form {
        /** As Axon's serializer stores it in {@code domain_event_entry}: the record's component names. */
        STORED(name -> name),
        /** As a CloudEvent carries it (the JSON Schemas describe this form): snake_case. */
        PUBLISHED(new PropertyNamingStrategies.SnakeCaseStrategy()::translate);

        private final UnaryOperator<String> naming;

        Form(UnaryOperator<String> naming) {
            this.naming = naming;
        }

        /** The JSON key of the record component {@code component} in this form. */
        public String name(String component) {
            return naming.apply(component);
        }
    }

    /** Turns data of one version into the next version's, in place. */
    @FunctionalInterface
    public interface Upcast {
        void apply(ObjectNode data, Form form);
    }

    /** A version that is no longer written; {@code upcast} makes its data the next version's. */
    public record Superseded(String type, Class<? extends FieldOpsEvent> eventClass, Upcast upcast) {

        public int version() {
            return versionOf(type);
        }
    }

    private static final List<Superseded> SUPERSEDED = List.of(
            // v2: where an entry came from became required; before v2 the HTTP API was the only way to create one
            // (the legacy service's facts are submitted/approved/rejected events), so "api" is a fact, not a guess
            new Superseded("fieldops.timesheet.created.v1", TimesheetCreated.class,
                    (data, form) -> data.put(form.name("source"), TimesheetCreated.SOURCE_API)));

    private static final Map<String, Superseded> BY_TYPE = SUPERSEDED.stream()
            .collect(Collectors.toUnmodifiableMap(Superseded::type, Function.identity()));

    private EventVersions() {
    }

    /** Every superseded type, oldest first per event. */
    public static List<Superseded> superseded() {
        return SUPERSEDED;
    }

    public static Optional<Superseded> superseded(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    /** The N of a type name {@code fieldops.<aggregate>.<verb>.vN}. */
    public static int versionOf(String type) {
        int dot = type.lastIndexOf(".v");
        if (dot < 0) throw new IllegalArgumentException(type + " has no version");
        return Integer.parseInt(type.substring(dot + 2));
    }

    /** The current version of an event record, the one it is written as. */
    public static int currentVersion(Class<?> eventClass) {
        return versionOf(EventCatalog.typeOf(eventClass));
    }

    /** The type name of {@code eventClass} at {@code version}. */
    public static String typeAt(Class<?> eventClass, int version) {
        String current = EventCatalog.typeOf(eventClass);
        return current.substring(0, current.lastIndexOf(".v") + 2) + version;
    }

    /**
     * Upcasts {@code data} of {@code eventClass} written at {@code version} to the current version, in place.
     *
     * @throws IllegalArgumentException for a version that never existed
     */
    public static ObjectNode toCurrent(Class<?> eventClass, int version, ObjectNode data, Form form) {
        int current = currentVersion(eventClass);
        if (version < 1 || version > current) {
            throw new IllegalArgumentException(eventClass.getSimpleName() + " has no version " + version);
        }
        for (int v = version; v < current; v++) {
            String type = typeAt(eventClass, v);
            superseded(type).orElseThrow(() -> new IllegalStateException("no upcast from " + type))
                    .upcast().apply(data, form);
        }
        return data;
    }
}
