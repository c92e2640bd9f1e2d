package com.fieldops.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fieldops.app.InboundHttpTest.Facts;
import com.fieldops.events.CloudEvent;
import com.fieldops.events.CloudEventCodec;
import com.fieldops.events.Topics;
import com.fieldops.events.timesheet.TimesheetCreated;
import com.fieldops.platform.security.AppRole;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * One evolution carried through: fieldops.timesheet.created.v1 (no {@code source}) became v2. A v1 event stored by
 * an earlier version is read as v2 by the aggregate, the Kafka publisher and the export, and the query side still
 * applies v1 records that were published before the change (they stay on the topic for ever).
 */
@FieldOpsTest
class EventVersioningTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EventStore eventStore;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    private final UUID org = UUID.randomUUID();
    private final Api.User admin = Api.user(org, AppRole.ADMIN, "Ada Admin");
    private final Api.User tech = Api.user(org, AppRole.TECHNICIAN, "Jane Smith");

    /** The v1 payload as Axon stored it before v2: the record's component names, no source, no revision. */
    private long storeVersion1(UUID timesheetId, String activityTypeId) {
        String payload = """
                {"timesheetId":"%s","orgId":"%s","userId":"%s","userName":"Jane Smith","teamId":null,\
                "jobId":"%s","activityTypeId":"%s","workDate":"%s","hours":3.50,"notes":"wiring"}"""
                .formatted(timesheetId, org, tech.id(), UUID.randomUUID(), activityTypeId,
                        LocalDate.now(ZoneOffset.UTC));
        String metaData = """
                {"orgId":"%s","actorId":"%s","actorName":"Jane Smith"}""".formatted(org, tech.id());
        return jdbc.sql("""
                        insert into domain_event_entry (global_index, event_identifier, meta_data, payload,
                               payload_revision, payload_type, time_stamp, aggregate_identifier, sequence_number, type)
                        values (nextval('domain_event_entry_seq'), :id, :meta, :payload, null,
                                'com.fieldops.events.timesheet.TimesheetCreated', :time, :aggregate, 0, 'Timesheet')
                        returning global_index""")
                .param("id", UUID.randomUUID().toString())
                .param("meta", metaData.getBytes(StandardCharsets.UTF_8))
                .param("payload", payload.getBytes(StandardCharsets.UTF_8))
                .param("time", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString())
                .param("aggregate", timesheetId.toString())
                .query(Long.class).single();
    }

    @Test
    void aStoredVersion1EventIsReadAsVersion2ByTheAggregateThePublisherAndTheExport() throws Exception {
        Api api = new Api(rest);
        String type = api.post(admin, "/api/activity-types", Map.of("name", "Electrical", "hourly_rate", 95.5))
                .getBody().get("id").asText();
        UUID sheet = UUID.randomUUID();
        long position = storeVersion1(sheet, type);

        // event sourcing: Axon's upcaster chain hands the aggregate a v2 event
        DomainEventMessage<?> first = eventStore.readEvents(sheet.toString()).next();
        assertThat(first.getPayload()).isInstanceOfSatisfying(TimesheetCreated.class,
                created -> assertThat(created.source()).isEqualTo("api"));
        assertThat(api.post(tech, "/api/timesheets/" + sheet + "/submit", null).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        // the publisher publishes it as v2, with its position
        List<CloudEvent> published = Facts.awaitPublished(Map.of(sheet.toString(), 2)).get(sheet.toString());
        CloudEvent created = published.get(0);
        assertThat(created.type()).isEqualTo("fieldops.timesheet.created.v2");
        assertThat(created.data().get("source").asText()).isEqualTo("api");
        assertThat(created.position()).isEqualTo(position);
        assertThat(published.get(1).type()).isEqualTo("fieldops.timesheet.submitted.v1");

        // the export too
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(admin.token());
        String body = rest.exchange("/api/events?subject=" + sheet, HttpMethod.GET, new HttpEntity<>(headers),
                String.class).getBody();
        JsonNode exported = JSON.readTree(body.split("\n")[0]);
        assertThat(exported.get("type").asText()).isEqualTo("fieldops.timesheet.created.v2");
        assertThat(exported.get("data").get("source").asText()).isEqualTo("api");
        assertThat(exported.get("position").asLong()).isEqualTo(position);

        // and the query side applied both
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                api.get(admin, "/api/timesheets/" + sheet).getBody().path("status").asText()).isEqualTo("submitted"));
    }

    @Test
    void theQuerySideStillAppliesVersion1RecordsAlreadyOnTheTopic() {
        Api api = new Api(rest);
        String type = api.post(admin, "/api/activity-types", Map.of("name", "Plumbing", "hourly_rate", 80))
                .getBody().get("id").asText();
        UUID sheet = UUID.randomUUID();
        String v1 = """
                {"specversion":"1.0","id":"%s","source":"/fieldops/command-side",\
                "type":"fieldops.timesheet.created.v1","subject":"%s","time":"2025-11-03T08:15:00Z",\
                "datacontenttype":"application/json","orgid":"%s","actorid":"%s","actorname":"Jane Smith",\
                "sequence":0,"position":7,"data":{"timesheet_id":"%s","org_id":"%s","user_id":"%s",\
                "user_name":"Jane Smith","team_id":null,"job_id":"%s","activity_type_id":"%s",\
                "work_date":"2025-11-03","hours":3.50,"notes":"wiring"}}"""
                .formatted(UUID.randomUUID(), sheet, org, tech.id(), sheet, org, tech.id(), UUID.randomUUID(), type);
        CloudEventCodec.parse(v1.getBytes(StandardCharsets.UTF_8)); // a well-formed CloudEvent
        kafka.send(Topics.EVENTS, sheet.toString(), v1.getBytes(StandardCharsets.UTF_8)).join();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode entry = api.get(admin, "/api/timesheets/" + sheet).getBody();
            assertThat(entry.path("status").asText()).isEqualTo("draft");
            assertThat(entry.path("hours").decimalValue()).isEqualByComparingTo("3.50");
        });
    }
}
