package com.fieldops.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The event catalogue as a contract: every type FieldOps publishes, and every superseded version still on the topic,
 * has a JSON Schema and a sample CloudEvent (src/test/resources/samples/&lt;type&gt;.json) whose data validates
 * against it and reads as the current event. The samples are also the catalogue of docs/analysts.md: the section
 * between its catalogue markers must be what {@link #catalogue()} makes of them; run with
 * {@code -Dfieldops.docs.write=true} to rewrite it.
 */
class EventCatalogueTest {

    private static final Path SAMPLES = Path.of("src/test/resources/samples");
    private static final Path ANALYSTS = Path.of("../docs/analysts.md");
    private static final String START = "<!-- catalogue:start (generated from events/src/test/resources/samples by "
            + "EventCatalogueTest; do not edit) -->";
    private static final String END = "<!-- catalogue:end -->";
    private static final ObjectMapper JSON = new ObjectMapper()
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** Current types in catalogue order, then superseded ones. */
    static List<String> everyType() {
        List<String> types = new ArrayList<>(EventCatalog.all().keySet());
        EventVersions.superseded().forEach(superseded -> types.add(superseded.type()));
        return types;
    }

    static String sampleText(String type) {
        try {
            return Files.readString(SAMPLES.resolve(type + ".json"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("no sample for " + type, e);
        }
    }

    @Test
    void everyTypeHasASchemaAndASampleThatValidatesAndReadsAsTheCurrentEvent() throws IOException {
        for (String type : everyType()) {
            assertThat(EventSchemas.schemaOf(type)).as("schema of " + type).isPresent();
            CloudEvent sample = CloudEventCodec.parse(sampleText(type).getBytes(StandardCharsets.UTF_8));
            assertThat(sample.type()).as(type).isEqualTo(type);
            assertThat(EventSchemas.validate(type, sample.data())).as(type).isEmpty();
            FieldOpsEvent event = CloudEventCodec.decodeData(sample);
            assertThat(event).as(type).isInstanceOf(EventCatalog.classOf(type).orElseThrow());
            JsonNode current = CloudEventCodec.dataOf(event);
            String currentType = EventCatalog.typeOf(event.getClass());
            assertThat(EventSchemas.validate(currentType, current)).as(type + " read as " + currentType).isEmpty();
            if (currentType.equals(type)) {
                assertThat(current).as("no field of " + type + " is lost when read").isEqualTo(sample.data());
            }
        }
    }

    @Test
    void everySampleAndSchemaIsOfAKnownType() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            assertThat(files.map(file -> file.getFileName().toString().replace(".json", "")))
                    .containsExactlyInAnyOrderElementsOf(everyType());
        }
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/schemas"))) {
            assertThat(files.map(file -> file.getFileName().toString().replace(".json", "")))
                    .containsExactlyInAnyOrderElementsOf(everyType());
        }
    }

    @Test
    void aTimesheetCreatedOfVersion1ReadsAsVersion2FromAnApiSource() {
        CloudEvent v1 = CloudEventCodec.parse(sampleText("fieldops.timesheet.created.v1")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(v1.data().has("source")).isFalse();
        var created = (com.fieldops.events.timesheet.TimesheetCreated) CloudEventCodec.decodeData(v1);
        assertThat(created.source()).isEqualTo("api");
        assertThat(created.hours()).isEqualByComparingTo("3.50");
        assertThat(v1.data().has("source")).as("the CloudEvent itself is not changed").isFalse();
    }

    @Test
    void theAnalystsGuideListsTheWholeCatalogue() throws IOException {
        String doc = Files.readString(ANALYSTS, StandardCharsets.UTF_8);
        int start = doc.indexOf(START);
        int end = doc.indexOf(END);
        assertThat(start).as("catalogue start marker in " + ANALYSTS).isNotNegative();
        assertThat(end).as("catalogue end marker in " + ANALYSTS).isGreaterThan(start);
        String expected = START + "\n" + catalogue() + END;
        String actual = doc.substring(start, end + END.length());
        if (Boolean.getBoolean("fieldops.docs.write") && !actual.equals(expected)) {
            Files.writeString(ANALYSTS, doc.substring(0, start) + expected + doc.substring(end + END.length()),
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(actual).as("docs/analysts.md's catalogue is stale: run the events tests with "
                + "-Dfieldops.docs.write=true").isEqualTo(expected);
    }

    /** The catalogue section: a table of every type, then each type's sample. */
    static String catalogue() throws IOException {
        StringBuilder doc = new StringBuilder("\n| type | status | schema |\n|---|---|---|\n");
        for (String type : everyType()) {
            String status = EventVersions.superseded(type)
                    .map(superseded -> "superseded by `" + EventVersions.typeAt(superseded.eventClass(),
                            superseded.version() + 1) + "`: still on the topic, read as the next version")
                    .orElse("current");
            doc.append("| [`").append(type).append("`](#").append(type.replace(".", "")).append(") | ")
                    .append(status).append(" | [schema](../events/src/main/resources/schemas/").append(type)
                    .append(".json) |\n");
        }
        for (String type : everyType()) {
            JsonNode schema = JSON.readTree(EventCatalog.class.getResourceAsStream("/schemas/" + type + ".json"));
            doc.append("\n#### ").append(type).append("\n\n");
            if (schema.hasNonNull("description")) doc.append(schema.get("description").asText()).append("\n\n");
            doc.append("Required in `data`: ");
            List<String> required = new ArrayList<>();
            schema.path("required").forEach(field -> required.add("`" + field.asText() + "`"));
            doc.append(String.join(", ", required)).append(".\n\n```json\n").append(sampleText(type).strip())
                    .append("\n```\n");
        }
        return doc.append("\n").toString();
    }
}
