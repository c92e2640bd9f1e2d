package com.fieldops.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fieldops.events.activitytype.ActivityTypeCreated;
import com.fieldops.events.activitytype.ActivityTypeDisabled;
import com.fieldops.events.activitytype.ActivityTypeEnabled;
import com.fieldops.events.activitytype.ActivityTypeUpdated;
import com.fieldops.events.activitytype.ActivityTypeXeroPushFailed;
import com.fieldops.events.activitytype.ActivityTypeXeroPushed;
import com.fieldops.events.activitytype.ActivityTypesImported;
import com.fieldops.events.invoice.InvoiceRecorded;
import com.fieldops.events.organization.OrganizationSettingsChanged;
import com.fieldops.events.xero.XeroConnected;
import com.fieldops.events.xero.XeroContactRecorded;
import com.fieldops.events.xero.XeroDisconnected;
import com.fieldops.events.job.JobAssigned;
import com.fieldops.events.job.JobCreated;
import com.fieldops.events.job.JobStatusChanged;
import com.fieldops.events.project.ProjectCreated;
import com.fieldops.events.project.ProjectUpdated;
import com.fieldops.events.revenuetarget.RevenueTargetSet;
import com.fieldops.events.timesheet.TimesheetApproved;
import com.fieldops.events.timesheet.TimesheetCreated;
import com.fieldops.events.timesheet.TimesheetRejected;
import com.fieldops.events.timesheet.TimesheetSnapshot;
import com.fieldops.events.timesheet.TimesheetSubmitted;
import com.fieldops.events.timesheet.TimesheetUpdated;
import com.fieldops.events.xero.XeroSyncCompleted;
import com.fieldops.events.xero.XeroSyncCounts;
import com.fieldops.events.xero.XeroSyncError;
import com.fieldops.events.xero.XeroSyncFailed;
import com.fieldops.events.xero.XeroSyncProgressed;
import com.fieldops.events.xero.XeroSyncRequested;
import com.fieldops.events.xero.XeroSyncStarted;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventContractTest {

    static final UUID ORG = UUID.fromString("3f2c9b1e-7d4a-4f60-9a8e-1c2b3d4e5f60");
    private static final UUID TYPE = UUID.fromString("c0a8012e-5b6d-4c7e-8f90-a1b2c3d4e5f6");

    static List<FieldOpsEvent> samples() {
        return List.of(
                new ActivityTypeCreated(TYPE, ORG, "Electrical", new BigDecimal("95.50"), "Wiring", "ELEC-01", false, true),
                new ActivityTypeUpdated(TYPE, ORG, Change.of("Electrical", "Electrics"),
                        Change.of(new BigDecimal("95.50"), new BigDecimal("99.00")), null, Change.of(null, "E1")),
                new ActivityTypeDisabled(TYPE, ORG),
                new ActivityTypeEnabled(TYPE, ORG),
                new ActivityTypesImported(UUID.fromString("5b0e7c1d-6f3a-4e2b-8c9d-0a1b2c3d4e5f"), ORG, "create", 3, 2, 0, 1),
                new ActivityTypeXeroPushFailed(TYPE, ORG, "ELEC-01",
                        List.of("Price List Item with Code ''ELEC-01'' already exists")),
                new ActivityTypeXeroPushed(TYPE, ORG, "ELEC-01"),
                new OrganizationSettingsChanged(ORG, Change.of(null, "Pacific/Auckland"), Change.of("USD", "NZD")),
                new TimesheetCreated(SHEET, ORG, USER, "Jane Smith", TEAM, JOB, TYPE, DAY, new BigDecimal("3.50"), "wiring",
                        TimesheetCreated.SOURCE_API),
                new TimesheetUpdated(SHEET, ORG, null, null, Change.of(DAY, DAY.plusDays(1)),
                        Change.of(new BigDecimal("3.50"), new BigDecimal("4.00")), null),
                new TimesheetSubmitted(snapshot("submitted")),
                new TimesheetApproved(snapshot("approved")),
                new TimesheetRejected(snapshot("rejected")),
                new JobCreated(JOB, ORG, "Rewire kitchen", "Acme Ltd", USER, "Jane Smith", TEAM,
                        Instant.parse("2026-01-23T20:00:00Z")),
                new JobAssigned(JOB, ORG, USER, "Jane Smith", TEAM),
                new JobStatusChanged(JOB, ORG, "completed", Instant.parse("2026-01-23T23:30:00Z")),
                new ProjectCreated(PROJECT, ORG, "Hospital wing", "Health NZ", null),
                new ProjectUpdated(PROJECT, ORG, "Hospital wing", "Health NZ",
                        CloudEventCodec.dataOf(java.util.Map.of("name", java.util.Map.of("old", "A", "new", "B")))),
                new XeroConnected(ORG, "fe79f7dd-b6d4-4a92-ba7b-538af6289c58", "Demo Company (NZ)",
                        "authorization_code"),
                new XeroDisconnected(ORG, "fe79f7dd-b6d4-4a92-ba7b-538af6289c58", "Demo Company (NZ)",
                        XeroDisconnected.BY_ADMIN, null),
                new InvoiceRecorded(INVOICE, ORG, UUID.fromString("7ef31b20-de17-4312-8382-412f869b1510"), "INV-0003",
                        UUID.fromString("a3675fc4-f8dd-4f03-ba5b-f1870566bcd7"), "Barney Rubble-83203", "ACCREC",
                        "AUTHORISED", LocalDate.parse("2018-11-02"), LocalDate.parse("2018-11-07"),
                        new BigDecimal("115.00"), new BigDecimal("115.00"), new BigDecimal("0.00"), "NZD",
                        Instant.parse("2018-11-02T16:37:28.927Z"), null),
                new XeroContactRecorded(ORG, UUID.fromString("a3675fc4-f8dd-4f03-ba5b-f1870566bcd7"),
                        "Barney Rubble & Sons", "ACTIVE", Instant.parse("2019-03-04T09:21:10.043Z"), SYNC),
                new RevenueTargetSet(TARGET, ORG, YearMonth.of(2026, 2),
                        Change.of(null, new BigDecimal("10000.00"))),
                new XeroSyncRequested(SYNC, ORG, "invoices", "webhook", "incremental"),
                new XeroSyncStarted(SYNC, ORG, "invoices", null),
                new XeroSyncProgressed(SYNC, ORG, new XeroSyncCounts(50, 1, 48, 1), 120,
                        List.of(new XeroSyncError("INV-0042", "Contact is archived"))),
                new XeroSyncCompleted(SYNC, ORG, "invoices", "webhook", XeroSyncCompleted.PARTIAL,
                        new XeroSyncCounts(120, 1, 118, 1), List.of()),
                new XeroSyncFailed(SYNC, ORG, "all", "schedule", "reconnect Xero", XeroSyncCounts.NONE, List.of()));
    }

    private static final UUID SHEET = UUID.fromString("9d8c7b6a-5e4f-4a3b-9c2d-1e0f9a8b7c6d");
    private static final UUID USER = UUID.fromString("8a1f6a52-3f7e-4c1a-9d1e-2b7c5e0f4a11");
    private static final UUID TEAM = UUID.fromString("2e4d6f80-1a3c-4e5f-8a9b-0c1d2e3f4a5b");
    private static final UUID JOB = UUID.fromString("7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910");
    private static final UUID PROJECT = UUID.fromString("4c3b2a19-0f8e-4d7c-9b6a-5f4e3d2c1b0a");
    private static final UUID SYNC = UUID.fromString("6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d");
    private static final LocalDate DAY = LocalDate.parse("2026-01-23");
    private static final UUID INVOICE = UUID.fromString("0475677c-c1da-35d0-ad1e-99ae4896f0c4");
    private static final UUID TARGET = UUID.fromString("43c7ee80-0fcb-3aaf-b62e-472dd7a0036c");

    static TimesheetSnapshot snapshot(String status) {
        Instant at = Instant.parse("2026-01-23T14:30:00Z");
        return new TimesheetSnapshot(SHEET, ORG, USER, "Jane Smith", TEAM, JOB, TYPE, "Electrical", DAY,
                new BigDecimal("3.50"), new BigDecimal("95.50"), new BigDecimal("334.25"), status, "wiring", at,
                "approved".equals(status) ? USER : null, "approved".equals(status) ? at : null,
                "rejected".equals(status) ? "wrong job" : null, at, at);
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
    void everySampleSurvivesARoundTrip() {
        for (FieldOpsEvent sample : samples()) {
            CloudEvent event = CloudEventCodec.encode(sample, new CloudEventCodec.Envelope(UUID.randomUUID(), "/test",
                    "s", Instant.now(), ORG, null, null, 0L, 1L));
            assertThat(CloudEventCodec.decodeData(CloudEventCodec.parse(CloudEventCodec.toBytes(event))))
                    .as(sample.getClass().getSimpleName()).isEqualTo(sample);
        }
    }

    @Test
    void ndjsonIsOneCloudEventPerLineExactlyAsPublished() throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        StringBuilder expected = new StringBuilder();
        try (CloudEventCodec.NdjsonWriter lines = CloudEventCodec.ndjson(out)) {
            long position = 0;
            for (FieldOpsEvent sample : samples()) {
                CloudEvent event = CloudEventCodec.encode(sample, new CloudEventCodec.Envelope(UUID.randomUUID(),
                        "/test", "s", Instant.now(), ORG, null, null, 0L, ++position));
                lines.write(event);
                expected.append(new String(CloudEventCodec.toBytes(event), StandardCharsets.UTF_8)).append('\n');
            }
            assertThat(out.size()).as("nothing is written before a flush").isLessThan(expected.length());
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    }

    @Test
    void timesheetFactsAreTheResourceFieldsFlat() {
        var data = CloudEventCodec.dataOf(new TimesheetApproved(snapshot("approved")));
        assertThat(data.get("status").asText()).isEqualTo("approved");
        assertThat(data.get("hourly_rate").decimalValue()).isEqualByComparingTo("95.50");
        assertThat(data.has("timesheet")).isFalse();
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
