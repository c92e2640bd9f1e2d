package com.fieldops.app;

import static com.fieldops.app.ActivityTypeApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fieldops.embedded.TestInfrastructure;
import com.fieldops.events.CloudEvent;
import com.fieldops.events.CloudEventCodec;
import com.fieldops.events.Topics;
import com.fieldops.platform.security.AppRole;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** POST /api/ingest/events: the inbound contract over HTTP, for services that cannot reach Kafka. */
@FieldOpsTest
class InboundHttpTest {

    static final String PATH = "/api/ingest/events";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcClient jdbc;

    Api api;
    UUID org;
    Api.User service;
    Facts facts;

    @BeforeEach
    void organisation() {
        api = new Api(rest);
        org = UUID.randomUUID();
        service = new Api.User(UUID.randomUUID(), org, AppRole.SERVICE, null, "Jobs service");
        facts = new Facts(org);
    }

    private ResponseEntity<JsonNode> ingest(Object body) {
        return api.post(service, PATH, body);
    }

    @Test
    void aValidEventOfEachTypeIsAcceptedAndPublishedOnFieldopsEvents() {
        UUID job = UUID.randomUUID();
        ObjectNode created = facts.jobCreated(job, UUID.randomUUID());
        ResponseEntity<JsonNode> one = ingest(created);
        assertThat(one.getStatusCode()).as(String.valueOf(one.getBody())).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(one.getBody().get("id").asText()).isEqualTo(created.get("id").asText());
        assertThat(one.getBody().get("status").asText()).isEqualTo("accepted");

        UUID project = UUID.randomUUID();
        UUID timesheet = UUID.randomUUID();
        UUID rejectedSheet = UUID.randomUUID();
        UUID tech = UUID.randomUUID();
        UUID assignee = UUID.randomUUID();
        ObjectNode assigned = facts.jobAssigned(job, assignee);
        ArrayNode batch = JsonNodeFactory.instance.arrayNode()
                .add(assigned)
                .add(facts.jobStatusChanged(job, "completed"))
                .add(facts.projectCreated(project, "Office fit-out"))
                .add(facts.projectUpdated(project, "Office fit-out, phase 2"))
                .add(facts.timesheet("submitted", timesheet, tech))
                .add(facts.timesheet("approved", timesheet, tech))
                .add(facts.timesheet("submitted", rejectedSheet, tech))
                .add(facts.timesheet("rejected", rejectedSheet, tech));
        ResponseEntity<JsonNode> many = ingest(batch);
        assertThat(many.getStatusCode()).as(String.valueOf(many.getBody())).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(many.getBody()).hasSize(8).allSatisfy(result ->
                assertThat(result.get("status").asText()).isEqualTo("accepted"));
        assertThat(many.getBody().get(4).get("id").asText()).isEqualTo(batch.get(4).get("id").asText());

        Map<String, List<CloudEvent>> published = Facts.awaitPublished(Map.of(job.toString(), 3,
                project.toString(), 2, timesheet.toString(), 2, rejectedSheet.toString(), 2));
        assertThat(published.get(job.toString())).extracting(CloudEvent::type).containsExactly(
                "fieldops.job.created.v1", "fieldops.job.assigned.v1", "fieldops.job.status-changed.v1");
        assertThat(published.get(job.toString())).extracting(CloudEvent::sequence).containsExactly(0L, 1L, 2L);
        assertThat(published.get(project.toString())).extracting(CloudEvent::type)
                .containsExactly("fieldops.project.created.v1", "fieldops.project.updated.v1");
        assertThat(published.get(timesheet.toString())).extracting(CloudEvent::type)
                .containsExactly("fieldops.timesheet.submitted.v1", "fieldops.timesheet.approved.v1");
        assertThat(published.get(rejectedSheet.toString())).extracting(CloudEvent::type)
                .containsExactly("fieldops.timesheet.submitted.v1", "fieldops.timesheet.rejected.v1");
        published.values().stream().flatMap(List::stream).forEach(event -> {
            assertThat(event.orgid()).isEqualTo(org.toString());
            assertThat(event.actorid()).as("the service's user").isEqualTo(service.id().toString());
            assertThat(event.actorname()).as("the inbound source").isEqualTo(Facts.SOURCE);
            assertThat(event.source()).isEqualTo("/fieldops/command-side");
            assertThat(event.position()).isPositive();
            assertThat(event.data().get("org_id").asText()).isEqualTo(org.toString());
        });
        CloudEvent approved = published.get(timesheet.toString()).get(1);
        assertThat(approved.data().get("status").asText()).isEqualTo("approved");
        assertThat(approved.data().get("amount").decimalValue()).isEqualByComparingTo("334.25");
        assertThat(published.get(job.toString()).get(0).data().get("title").asText()).isEqualTo("Rewire kitchen");
        assertThat(jdbc.sql("select count(*) from inbound_received where org_id = ?").param(org).query(Long.class)
                .single()).isEqualTo(9);

        // the completion's feed row names the job and concerns whom it is assigned to now (the assigned fact's)
        List<String> completion = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                        select resource_name, subject_user_id::text, team_id::text from activity_log
                        where resource_id = ? and action = 'job_completed'""").param(job)
                .query((row, n) -> List.of(row.getString(1), row.getString(2), row.getString(3))).list(),
                rows -> rows.size() == 1).get(0);
        assertThat(completion).containsExactly("Rewire kitchen for Acme Ltd", assignee.toString(),
                assigned.get("data").get("assignee_team_id").asText());
    }

    @Test
    void aDuplicateChangesNothing() {
        UUID job = UUID.randomUUID();
        ObjectNode created = facts.jobCreated(job, UUID.randomUUID());
        assertThat(ingest(created).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        ResponseEntity<JsonNode> again = ingest(created);
        assertThat(again.getStatusCode()).as("nothing new: 200").isEqualTo(HttpStatus.OK);
        assertThat(again.getBody().get("status").asText()).isEqualTo("duplicate");
        assertThat(Facts.storedEvents(jdbc, job)).isEqualTo(1);

        // the same created fact under a new CloudEvent id: accepted, and still one event
        ObjectNode repeated = created.deepCopy().put("id", UUID.randomUUID().toString());
        ResponseEntity<JsonNode> repeat = ingest(repeated);
        assertThat(repeat.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(repeat.getBody().get("status").asText()).isEqualTo("accepted");
        assertThat(Facts.storedEvents(jdbc, job)).isEqualTo(1);
        // a created fact with other data contradicts it
        ObjectNode other = created.deepCopy().put("id", UUID.randomUUID().toString());
        ((ObjectNode) other.get("data")).put("title", "Something else");
        assertProblem(ingest(other), HttpStatus.CONFLICT);

        // within one array the first of two equal keys counts
        ObjectNode status = facts.jobStatusChanged(job, "in_progress");
        ResponseEntity<JsonNode> twice = ingest(JsonNodeFactory.instance.arrayNode().add(status).add(status));
        assertThat(twice.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(twice.getBody()).extracting(result -> result.get("status").asText())
                .containsExactly("accepted", "duplicate");
        ResponseEntity<JsonNode> allDuplicates = ingest(JsonNodeFactory.instance.arrayNode().add(created).add(status));
        assertThat(allDuplicates.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(allDuplicates.getBody()).extracting(result -> result.get("status").asText())
                .containsExactly("duplicate", "duplicate");
        assertThat(Facts.storedEvents(jdbc, job)).isEqualTo(2);

        // a project's created fact with changes survives the round trip through the event store unchanged
        UUID project = UUID.randomUUID();
        ObjectNode projectCreated = facts.projectCreated(project, "Office fit-out");
        ((ObjectNode) projectCreated.get("data")).putObject("changes").put("budget", new BigDecimal("1200.50"))
                .putArray("phases").add("design").add("build");
        assertThat(ingest(projectCreated).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        ResponseEntity<JsonNode> projectAgain = ingest(projectCreated.deepCopy().put("id", UUID.randomUUID().toString()));
        assertThat(projectAgain.getStatusCode()).as(String.valueOf(projectAgain.getBody())).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(Facts.storedEvents(jdbc, project)).isEqualTo(1);
    }

    @Test
    void theCloudEventsMediaTypesAreAcceptedAndLargeBatchesRefused() {
        UUID job = UUID.randomUUID();
        ResponseEntity<JsonNode> single = api.call(service, HttpMethod.POST, PATH,
                facts.jobCreated(job, UUID.randomUUID()).toString(), MediaType.valueOf("application/cloudevents+json"));
        assertThat(single.getStatusCode()).as(String.valueOf(single.getBody())).isEqualTo(HttpStatus.ACCEPTED);
        ResponseEntity<JsonNode> batch = api.call(service, HttpMethod.POST, PATH,
                JsonNodeFactory.instance.arrayNode().add(facts.jobStatusChanged(job, "cancelled")).toString(),
                MediaType.valueOf("application/cloudevents-batch+json"));
        assertThat(batch.getStatusCode()).as(String.valueOf(batch.getBody())).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(batch.getBody()).hasSize(1);
        assertThat(Facts.storedEvents(jdbc, job)).isEqualTo(2);

        ArrayNode tooMany = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i <= 1000; i++) tooMany.add(facts.jobStatusChanged(job, "completed"));
        assertProblem(ingest(tooMany), HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(Facts.storedEvents(jdbc, job)).isEqualTo(2);

        ResponseEntity<JsonNode> empty = ingest(JsonNodeFactory.instance.arrayNode());
        assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(empty.getBody()).isEmpty();
    }

    @Test
    void malformedJsonIsA400() {
        ResponseEntity<JsonNode> response = api.call(service, HttpMethod.POST, PATH, "{\"specversion\": \"1.0\",",
                MediaType.APPLICATION_JSON);
        assertProblem(response, HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().get("detail").asText()).contains("not valid JSON");
        assertProblem(api.call(service, HttpMethod.POST, PATH, "\"a string\"", MediaType.APPLICATION_JSON),
                HttpStatus.BAD_REQUEST);
        assertProblem(api.call(service, HttpMethod.POST, PATH, "<event/>", MediaType.APPLICATION_XML),
                HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void invalidEventsAreNamedByIndexAndNoneOfTheArrayIsApplied() {
        UUID job = UUID.randomUUID();
        ObjectNode valid = facts.jobCreated(job, UUID.randomUUID());
        ObjectNode noOrg = facts.jobCreated(UUID.randomUUID(), UUID.randomUUID());
        noOrg.remove("orgid");
        ObjectNode unknownType = facts.jobCreated(UUID.randomUUID(), UUID.randomUUID())
                .put("type", "fieldops.activity-type.created.v1");
        ObjectNode schemaViolation = facts.jobCreated(UUID.randomUUID(), UUID.randomUUID());
        ((ObjectNode) schemaViolation.get("data")).put("job_id", "not-a-uuid").remove("title");

        ResponseEntity<JsonNode> response = ingest(JsonNodeFactory.instance.arrayNode()
                .add(valid).add(noOrg).add(unknownType).add(schemaViolation));
        assertProblem(response, HttpStatus.BAD_REQUEST);
        assertThat(fields(response)).containsExactly("[1].orgid", "[2].type", "[3].data.job_id", "[3].data.title");
        assertThat(response.getBody().get("detail").asText()).contains("3 of 4 events are invalid");
        assertThat(Facts.storedEvents(jdbc, job)).as("all or nothing").isZero();

        ResponseEntity<JsonNode> single = ingest(noOrg);
        assertProblem(single, HttpStatus.BAD_REQUEST);
        assertThat(fields(single)).containsExactly("orgid");
        assertThat(fields(ingest(unknownType))).containsExactly("type");
        assertThat(fields(ingest(schemaViolation))).containsExactly("data.job_id", "data.title");
        ObjectNode badStatus = facts.jobStatusChanged(job, "done");
        assertThat(fields(ingest(badStatus))).containsExactly("data.status");
        assertThat(jdbc.sql("select count(*) from inbound_received where org_id = ?").param(org).query(Long.class)
                .single()).isZero();
    }

    @Test
    void aFactThatContradictsStateIsA409AndAppliesNothing() {
        ResponseEntity<JsonNode> unknownJob = ingest(facts.jobAssigned(UUID.randomUUID(), UUID.randomUUID()));
        assertProblem(unknownJob, HttpStatus.CONFLICT);
        assertThat(unknownJob.getBody().get("detail").asText()).contains("is not known");
        assertThat(fields(unknownJob)).containsExactly("data.job_id");

        UUID job = UUID.randomUUID();
        ObjectNode created = facts.jobCreated(job, UUID.randomUUID());
        ResponseEntity<JsonNode> mixed = ingest(JsonNodeFactory.instance.arrayNode()
                .add(created)
                .add(facts.jobAssigned(UUID.randomUUID(), UUID.randomUUID())));
        assertProblem(mixed, HttpStatus.CONFLICT);
        assertThat(mixed.getBody().get("detail").asText()).startsWith("[1] ");
        assertThat(fields(mixed)).containsExactly("[1].data.job_id");
        assertThat(Facts.storedEvents(jdbc, job)).as("the valid one was rolled back with it").isZero();
        ResponseEntity<JsonNode> resent = ingest(created);
        assertThat(resent.getStatusCode()).as("its received mark too: it is new when sent again")
                .isEqualTo(HttpStatus.ACCEPTED);
        assertThat(resent.getBody().get("status").asText()).isEqualTo("accepted");
        assertThat(Facts.storedEvents(jdbc, job)).isEqualTo(1);

        // the legacy service says approved, but our entry is a draft
        Api.User admin = Api.user(org, AppRole.ADMIN, "Ada Admin");
        Api.User tech = Api.user(org, AppRole.TECHNICIAN, "Jane Smith");
        String draft = Facts.draftTimesheet(api, admin, tech);
        ResponseEntity<JsonNode> approved = ingest(facts.timesheet("approved", UUID.fromString(draft), tech.id()));
        assertProblem(approved, HttpStatus.CONFLICT);
        assertThat(approved.getBody().get("detail").asText()).contains("draft");
        assertThat(Facts.storedEvents(jdbc, UUID.fromString(draft))).isEqualTo(1);
        assertThat(api.get(tech, "/api/timesheets/" + draft).getBody().get("status").asText()).isEqualTo("draft");
    }

    @Test
    void aBatchCreatesAndChangesNewJobsAndStillRefusesAContradictionOfAStoredOne() {
        UUID stored = UUID.randomUUID();
        assertThat(ingest(facts.jobCreated(stored, UUID.randomUUID())).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        // a job the batch creates is not loaded from the store (it has nothing there) but from what the batch staged
        UUID job = UUID.randomUUID();
        ArrayNode newJob = JsonNodeFactory.instance.arrayNode()
                .add(facts.jobCreated(job, UUID.randomUUID()))
                .add(facts.jobAssigned(job, UUID.randomUUID()))
                .add(facts.jobStatusChanged(job, "completed"));
        ResponseEntity<JsonNode> mixed = ingest(newJob.deepCopy()
                .add(facts.jobCreated(stored, UUID.randomUUID()))); // another assignee: contradicts the stored one
        assertProblem(mixed, HttpStatus.CONFLICT);
        assertThat(mixed.getBody().get("detail").asText()).startsWith("[3] ");
        assertThat(Facts.storedEvents(jdbc, job)).as("rolled back with the refusal").isZero();
        assertThat(Facts.storedEvents(jdbc, stored)).isEqualTo(1);

        ResponseEntity<JsonNode> accepted = ingest(newJob);
        assertThat(accepted.getStatusCode()).as(String.valueOf(accepted.getBody())).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(Facts.storedEvents(jdbc, job)).isEqualTo(3);
        assertThat(Facts.awaitPublished(Map.of(job.toString(), 3)).get(job.toString()))
                .extracting(CloudEvent::sequence).containsExactly(0L, 1L, 2L);
    }

    @Test
    void onlyServicesIngestAndOnlyForTheirOrganisation() {
        UUID job = UUID.randomUUID();
        ObjectNode otherOrg = new Facts(UUID.randomUUID()).jobCreated(job, UUID.randomUUID());
        assertProblem(ingest(otherOrg), HttpStatus.FORBIDDEN);
        ResponseEntity<JsonNode> inArray = ingest(JsonNodeFactory.instance.arrayNode()
                .add(facts.jobCreated(UUID.randomUUID(), UUID.randomUUID())).add(otherOrg));
        assertProblem(inArray, HttpStatus.FORBIDDEN);
        assertThat(inArray.getBody().get("detail").asText()).startsWith("[1] ");

        ObjectNode mine = facts.jobCreated(job, UUID.randomUUID());
        for (AppRole role : new AppRole[] {AppRole.ADMIN, AppRole.TECHNICIAN, AppRole.ANALYST}) {
            assertProblem(api.post(Api.user(org, role, "Not a service"), PATH, mine), HttpStatus.FORBIDDEN);
        }
        assertProblem(api.post(null, PATH, mine), HttpStatus.UNAUTHORIZED);
        assertThat(Facts.storedEvents(jdbc, job)).isZero();
    }

    private static List<String> fields(ResponseEntity<JsonNode> response) {
        List<String> fields = new ArrayList<>();
        response.getBody().path("errors").forEach(error -> fields.add(error.get("field").asText()));
        return fields;
    }

    /** Inbound CloudEvents as internal services send them, and what became of them. */
    static final class Facts {

        static final String SOURCE = "/jobs-service";
        static final Duration TIMEOUT = Duration.ofSeconds(60);
        private static final JsonNodeFactory JSON = JsonNodeFactory.withExactBigDecimals(true);

        private final UUID org;

        Facts(UUID org) {
            this.org = org;
        }

        ObjectNode cloudEvent(String type, ObjectNode data) {
            ObjectNode event = JSON.objectNode()
                    .put("specversion", "1.0")
                    .put("id", UUID.randomUUID().toString())
                    .put("source", SOURCE)
                    .put("type", type)
                    .put("time", "2026-01-23T14:30:00Z")
                    .put("datacontenttype", "application/json")
                    .put("orgid", org.toString());
            event.set("data", data);
            return event;
        }

        ObjectNode jobCreated(UUID job, UUID assignee) {
            return cloudEvent("fieldops.job.created.v1", JSON.objectNode()
                    .put("job_id", job.toString())
                    .put("title", "Rewire kitchen")
                    .put("client_name", "Acme Ltd")
                    .put("assignee_id", assignee.toString())
                    .put("assignee_name", "Jane Smith")
                    .putNull("assignee_team_id")
                    .put("scheduled_for", "2026-01-24T08:00:00Z"));
        }

        ObjectNode jobAssigned(UUID job, UUID assignee) {
            return cloudEvent("fieldops.job.assigned.v1", JSON.objectNode()
                    .put("job_id", job.toString())
                    .put("assignee_id", assignee.toString())
                    .put("assignee_name", "Joe Bloggs")
                    .put("assignee_team_id", UUID.randomUUID().toString()));
        }

        ObjectNode jobStatusChanged(UUID job, String status) {
            return cloudEvent("fieldops.job.status-changed.v1", JSON.objectNode()
                    .put("job_id", job.toString())
                    .put("status", status)
                    .put("changed_at", "2026-01-23T15:00:00Z"));
        }

        ObjectNode projectCreated(UUID project, String name) {
            return cloudEvent("fieldops.project.created.v1", JSON.objectNode()
                    .put("project_id", project.toString())
                    .put("name", name)
                    .put("client_name", "Acme Ltd")
                    .putNull("changes"));
        }

        ObjectNode projectUpdated(UUID project, String name) {
            ObjectNode data = JSON.objectNode()
                    .put("project_id", project.toString())
                    .put("name", name)
                    .put("client_name", "Acme Ltd");
            data.putObject("changes").putObject("name").put("old", "Office fit-out").put("new", name);
            return cloudEvent("fieldops.project.updated.v1", data);
        }

        /** The legacy timesheet service's entry, as the Timesheet resource's fields. */
        ObjectNode timesheet(String status, UUID id, UUID user) {
            return timesheet(status, id, new LegacyEntry(user, "Jane Smith", null, LocalDate.now(ZoneOffset.UTC),
                    UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()));
        }

        /** One legacy entry: 3.50 h of Electrical at 95.50 on {@code day}, approved by {@code approver}. */
        record LegacyEntry(UUID user, String userName, UUID team, LocalDate day, UUID job, UUID activityType,
                           UUID approver) {
        }

        ObjectNode timesheet(String status, UUID id, LegacyEntry entry) {
            String day = entry.day().toString();
            ObjectNode data = JSON.objectNode()
                    .put("id", id.toString())
                    .put("user_id", entry.user().toString())
                    .put("user_name", entry.userName())
                    .put("team_id", entry.team() == null ? null : entry.team().toString())
                    .put("job_id", entry.job().toString())
                    .put("activity_type_id", entry.activityType().toString())
                    .put("activity_type_name", "Electrical")
                    .put("work_date", day)
                    .put("hours", new BigDecimal("3.50"))
                    .put("hourly_rate", new BigDecimal("95.50"))
                    .put("amount", new BigDecimal("334.25"))
                    .put("status", status)
                    .put("notes", "legacy")
                    .put("submitted_at", day + "T10:00:00Z")
                    .put("created_at", day + "T09:00:00Z")
                    .put("updated_at", day + "T11:00:00Z");
            if ("approved".equals(status)) {
                data.put("approved_by", entry.approver().toString()).put("approved_at", day + "T11:00:00Z");
            } else {
                data.putNull("approved_by").putNull("approved_at");
            }
            data.put("rejected_reason", "rejected".equals(status) ? "wrong job" : null);
            return cloudEvent("fieldops.timesheet." + status + ".v1", data);
        }

        static long storedEvents(JdbcClient jdbc, UUID aggregate) {
            return jdbc.sql("select count(*) from domain_event_entry where aggregate_identifier = ?")
                    .param(aggregate.toString()).query(Long.class).single();
        }

        /** A draft timesheet of {@code tech}, made over our own API; its id. */
        static String draftTimesheet(Api api, Api.User admin, Api.User tech) {
            String type = api.post(admin, "/api/activity-types", Map.of("name", "Electrical " + UUID.randomUUID(),
                    "hourly_rate", 95.5)).getBody().get("id").asText();
            ResponseEntity<JsonNode> draft = api.post(tech, "/api/timesheets", Map.of("job_id",
                    UUID.randomUUID().toString(), "activity_type_id", type, "work_date",
                    LocalDate.now(ZoneOffset.UTC).toString(), "hours", 2));
            assertThat(draft.getStatusCode()).as(String.valueOf(draft.getBody())).isEqualTo(HttpStatus.CREATED);
            return draft.getBody().get("id").asText();
        }

        /** Reads fieldops.events from the start until each subject has (at least) its number of events. */
        static Map<String, List<CloudEvent>> awaitPublished(Map<String, Integer> expected) {
            Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    TestInfrastructure.bootstrapServers(), ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            Map<String, List<CloudEvent>> found = new HashMap<>();
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = partitions(consumer, Topics.EVENTS);
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Awaitility.await().atMost(TIMEOUT).until(() -> {
                    consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                        if (expected.containsKey(record.key())) {
                            found.computeIfAbsent(record.key(), key -> new ArrayList<>())
                                    .add(CloudEventCodec.parse(record.value()));
                        }
                    });
                    return expected.entrySet().stream().allMatch(entry ->
                            found.getOrDefault(entry.getKey(), List.of()).size() >= entry.getValue());
                });
            }
            return found;
        }

        static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
            return consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        }
    }
}
