package com.fieldops.command.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fieldops.events.MalformedEventException;
import com.fieldops.events.job.JobCreated;
import com.fieldops.events.timesheet.TimesheetApproved;
import com.fieldops.platform.problem.FieldMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What counts as a valid inbound CloudEvent, and how its errors are named. */
class InboundEventReaderTest {

    private final UUID org = UUID.randomUUID();
    private final UUID job = UUID.randomUUID();
    private final UUID tech = UUID.randomUUID();

    private String jobCreated(String orgid, String type, String data) {
        return """
                {"specversion":"1.0","id":"evt-1","source":"/jobs-service","type":"%s",%s
                 "time":"2026-01-23T14:30:00Z","datacontenttype":"application/json","data":%s}"""
                .formatted(type, orgid == null ? "" : "\"orgid\":\"" + orgid + "\",", data);
    }

    private String jobData() {
        return """
                {"job_id":"%s","title":"Rewire kitchen","client_name":"Acme","assignee_id":"%s",
                 "assignee_name":"Jane Smith","assignee_team_id":null,"scheduled_for":"2026-01-24T08:00:00Z"}"""
                .formatted(job, tech);
    }

    private InboundEventReader.Reading read(String json) throws Exception {
        JsonNode tree = InboundEventReader.parseJson(json.getBytes(StandardCharsets.UTF_8));
        return InboundEventReader.read(tree);
    }

    @Test
    void aValidEventTakesItsOrganisationFromOrgid() throws Exception {
        InboundEventReader.Reading reading = read(jobCreated(org.toString(), "fieldops.job.created.v1", jobData()));
        assertThat(reading.errors()).isEmpty();
        InboundEvent event = reading.event();
        assertThat(event.key()).isEqualTo(new InboundEvent.Key("/jobs-service", "evt-1"));
        assertThat(event.orgId()).isEqualTo(org);
        assertThat(event.fact()).isEqualTo(new JobCreated(job, org, "Rewire kitchen", "Acme", tech, "Jane Smith", null,
                Instant.parse("2026-01-24T08:00:00Z")));
        // the same through the Kafka path
        assertThat(InboundEventReader.fromRecord(jobCreated(org.toString(), "fieldops.job.created.v1", jobData())
                .getBytes(StandardCharsets.UTF_8))).isEqualTo(event);
    }

    @Test
    void orgidIsRequiredAndAUuid() throws Exception {
        assertThat(read(jobCreated(null, "fieldops.job.created.v1", jobData())).errors())
                .extracting(FieldMessage::field).containsExactly("orgid");
        assertThat(read(jobCreated("acme", "fieldops.job.created.v1", jobData())).errors())
                .containsExactly(new FieldMessage("orgid", "must be a UUID"));
        String otherOrg = jobData().replace("{\"job_id\"", "{\"org_id\":\"" + UUID.randomUUID() + "\",\"job_id\"");
        assertThat(read(jobCreated(org.toString(), "fieldops.job.created.v1", otherOrg)).errors())
                .extracting(FieldMessage::field).containsExactly("data.org_id");
    }

    @Test
    void onlyTheInboundTypesOfDesignSection6AreAccepted() throws Exception {
        for (String type : new String[] {"fieldops.activity-type.created.v1", "fieldops.timesheet.created.v1",
                "fieldops.nope.v1"}) {
            assertThat(read(jobCreated(org.toString(), type, "{}")).errors())
                    .singleElement().satisfies(error -> {
                        assertThat(error.field()).isEqualTo("type");
                        assertThat(error.message()).startsWith("unknown event type " + type);
                    });
        }
    }

    @Test
    void schemaViolationsAreNamedByField() throws Exception {
        String data = """
                {"job_id":"not-a-uuid","assignee_id":"%s","scheduled_for":"tomorrow"}""".formatted(tech);
        assertThat(read(jobCreated(org.toString(), "fieldops.job.created.v1", data)).errors())
                .extracting(FieldMessage::field)
                .containsExactly("data.job_id", "data.scheduled_for", "data.title");
        String badStatus = """
                {"job_id":"%s","status":"done","changed_at":"2026-01-23T14:30:00Z"}""".formatted(job);
        assertThat(read(jobCreated(org.toString(), "fieldops.job.status-changed.v1", badStatus)).errors())
                .extracting(FieldMessage::field).containsExactly("data.status");
    }

    @Test
    void envelopeAttributesAreRequired() throws Exception {
        assertThat(read("{\"data\":{}}").errors()).extracting(FieldMessage::field)
                .containsExactly("specversion", "id", "source", "type", "orgid");
        assertThat(read("{\"specversion\":\"0.3\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"fieldops.job.created.v1\","
                + "\"orgid\":\"" + org + "\",\"datacontenttype\":\"text/xml\",\"data\":\"<job/>\"}").errors())
                .extracting(FieldMessage::field).containsExactly("specversion", "datacontenttype", "data");
        assertThat(read("[1]").errors()).extracting(FieldMessage::message)
                .containsExactly("must be a CloudEvent: a JSON object");
    }

    @Test
    void attributesOfTheWrongTypeAreNamed() throws Exception {
        String wrong = jobCreated(org.toString(), "fieldops.job.created.v1", jobData())
                .replace("\"time\":\"2026-01-23T14:30:00Z\"", "\"time\":\"yesterday\"")
                .replace("\"id\":\"evt-1\"", "\"id\":{\"n\":1}");
        assertThat(read(wrong).errors()).containsExactly(new FieldMessage("id", "must be a string"),
                new FieldMessage("time", "must be an RFC 3339 timestamp such as 2026-01-23T14:30:00Z"));
        String offset = jobCreated(org.toString(), "fieldops.job.created.v1", jobData())
                .replace("2026-01-23T14:30:00Z", "2026-01-23T16:30:00.123+02:00");
        assertThat(read(offset).errors()).isEmpty();
    }

    @Test
    void aTimesheetFactIsTheResourceWithItsOrganisationAndExactMoney() throws Exception {
        UUID id = UUID.randomUUID();
        String data = """
                {"id":"%s","user_id":"%s","user_name":"Jane Smith","team_id":null,"job_id":"%s",
                 "activity_type_id":"%s","activity_type_name":"Electrical","work_date":"2026-01-23","hours":3.50,
                 "hourly_rate":95.50,"amount":334.25,"status":"approved","notes":null,
                 "submitted_at":"2026-01-23T10:00:00Z","approved_by":"%s","approved_at":"2026-01-23T11:00:00Z",
                 "rejected_reason":null,"created_at":"2026-01-23T09:00:00Z","updated_at":"2026-01-23T11:00:00Z"}"""
                .formatted(id, tech, job, UUID.randomUUID(), UUID.randomUUID());
        InboundEventReader.Reading reading = read(jobCreated(org.toString(), "fieldops.timesheet.approved.v1", data));
        assertThat(reading.errors()).isEmpty();
        TimesheetApproved approved = (TimesheetApproved) reading.event().fact();
        assertThat(approved.timesheet().orgId()).isEqualTo(org);
        assertThat(approved.timesheet().id()).isEqualTo(id);
        assertThat(approved.timesheet().hourlyRate()).hasToString("95.50");
        assertThat(approved.timesheet().hours()).hasToString("3.50");
        assertThat(read(jobCreated(org.toString(), "fieldops.timesheet.submitted.v1", data)).errors())
                .extracting(FieldMessage::field).containsExactly("data.status");
    }

    @Test
    void aKafkaValueThatIsNoCloudEventIsMalformed() {
        assertThatThrownBy(() -> InboundEventReader.fromRecord("{ not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("not a CloudEvent in JSON");
        assertThatThrownBy(() -> InboundEventReader.fromRecord(new byte[0]))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> InboundEventReader.fromRecord(jobCreated(null, "fieldops.job.created.v1", jobData())
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("evt-1 from /jobs-service is invalid: orgid: is required");
    }
}
