package com.fieldops.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fieldops.events.activitytype.ActivityTypeCreated;
import com.fieldops.events.activitytype.ActivityTypeDisabled;
import com.fieldops.events.activitytype.ActivityTypeEnabled;
import com.fieldops.events.activitytype.ActivityTypeUpdated;
import com.fieldops.events.activitytype.ActivityTypesImported;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventContractTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final UUID TYPE = UUID.randomUUID();

    static List<FieldOpsEvent> samples() {
        return List.of(
                new ActivityTypeCreated(TYPE, ORG, "Electrical", new BigDecimal("95.50"), "Wiring", "ELEC-01", false, true),
                new ActivityTypeUpdated(TYPE, ORG, Change.of("Electrical", "Electrics"),
                        Change.of(new BigDecimal("95.50"), new BigDecimal("99.00")), null, Change.of(null, "E1")),
                new ActivityTypeDisabled(TYPE, ORG),
                new ActivityTypeEnabled(TYPE, ORG),
                new ActivityTypesImported(UUID.randomUUID(), ORG, "create", 3, 2, 0, 1));
    }

    @Test
    void everyCatalogTypeHasASchemaAndASampleThatValidates() {
        assertThat(samples()).extracting(Object::getClass).containsExactlyInAnyOrderElementsOf(EventCatalog.all().values());
        for (FieldOpsEvent sample : samples()) {
            String type = EventCatalog.typeOf(sample.getClass());
            assertThat(EventSchemas.schemaOf(type)).as(type).isPresent();
            assertThat(EventSchemas.validate(type, CloudEventCodec.dataOf(sample))).as(type).isEmpty();
        }
    }

    @Test
    void roundTripKeepsMoneyExactAndTheEnvelope() {
        ActivityTypeUpdated updated = (ActivityTypeUpdated) samples().get(1);
        UUID actor = UUID.randomUUID();
        CloudEvent event = CloudEventCodec.encode(updated, new CloudEventCodec.Envelope(UUID.randomUUID(),
                "/fieldops/command-side", TYPE.toString(), Instant.parse("2026-01-23T14:30:00.123456Z"), ORG, actor,
                "Jane Smith", 2L, 41L));
        String json = new String(CloudEventCodec.toBytes(event), StandardCharsets.UTF_8);
        assertThat(json).contains("\"type\":\"fieldops.activity-type.updated.v1\"", "\"position\":41",
                "\"hourly_rate\":{\"old\":95.50,\"new\":99.00}", "\"time\":\"2026-01-23T14:30:00.123Z\"",
                "\"orgid\":\"" + ORG + "\"", "\"specversion\":\"1.0\"");
        CloudEvent parsed = CloudEventCodec.parse(json.getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.sequence()).isEqualTo(2L);
        assertThat(CloudEventCodec.decodeData(parsed)).isEqualTo(updated);
    }

    @Test
    void schemaRejectsBadMoneyAndMissingFields() {
        var data = CloudEventCodec.dataOf(samples().get(0));
        ((com.fasterxml.jackson.databind.node.ObjectNode) data).put("hourly_rate", new BigDecimal("1.005"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) data).remove("name");
        assertThat(EventSchemas.validate("fieldops.activity-type.created.v1", data)).hasSize(2);
    }

    @Test
    void garbageIsMalformed() {
        assertThatThrownBy(() -> CloudEventCodec.parse("{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class);
        CloudEvent unknown = new CloudEvent("1.0", "x", "s", "fieldops.nope.v1", null, null, null, null, null, null,
                null, null, null);
        assertThatThrownBy(() -> CloudEventCodec.decodeData(unknown)).isInstanceOf(MalformedEventException.class);
    }
}
