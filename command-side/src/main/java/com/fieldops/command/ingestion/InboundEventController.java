package com.fieldops.command.ingestion;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fieldops.platform.problem.FieldMessage;
import com.fieldops.platform.problem.PayloadTooLarge;
import com.fieldops.platform.problem.Problems;
import com.fieldops.platform.problem.RuleViolation;
import com.fieldops.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/ingest/events}: inbound events for services that cannot reach Kafka. The body is one CloudEvent
 * or an array of them. An array is all or nothing: every event is validated first (400 naming each invalid event by
 * its index), every orgid must be the token's organisation (403), and then all are applied in one transaction; a
 * refusal of any (409 when it contradicts what FieldOps knows) applies none.
 */
@RestController
@RequestMapping("/api/ingest")
@Tag(name = "Ingestion")
public class InboundEventController {

    static final int MAX_BYTES = 5 * 1024 * 1024;
    static final int MAX_EVENTS = 1000;
    static final String CLOUDEVENTS_JSON = "application/cloudevents+json";
    static final String CLOUDEVENTS_BATCH_JSON = "application/cloudevents-batch+json";

    private final CommandGateway commands;
    private final InboundMetrics metrics;

    public InboundEventController(CommandGateway commands, InboundMetrics metrics) {
        this.commands = commands;
        this.metrics = metrics;
    }

    /** The inbound CloudEvent as a service sends it (for the API document; the body is read as JSON). */
    @Schema(name = "InboundCloudEvent", description = "A CloudEvent 1.0 in structured JSON mode, of a type of "
            + "DESIGN §6's inbound list; data as that type's JSON Schema (without org_id: orgid is the organisation)")
    public record InboundCloudEvent(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = "1.0") String specversion,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "unique per source") String id,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "/jobs-service") String source,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"fieldops.job.created.v1",
                    "fieldops.job.assigned.v1", "fieldops.job.status-changed.v1", "fieldops.project.created.v1",
                    "fieldops.project.updated.v1", "fieldops.timesheet.submitted.v1",
                    "fieldops.timesheet.approved.v1", "fieldops.timesheet.rejected.v1"}) String type,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "uuid",
                    description = "the organisation; must be the token's app_metadata.org_id") String orgid,
            String subject,
            Instant time,
            @Schema(allowableValues = "application/json") String datacontenttype,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Map<String, Object> data) {
    }

    @PostMapping(path = "/events",
            consumes = {MediaType.APPLICATION_JSON_VALUE, CLOUDEVENTS_JSON, CLOUDEVENTS_BATCH_JSON})
    @PreAuthorize("hasRole('SERVICE')")
    @Operation(summary = "Ingest facts of internal services: one CloudEvent or an array of them (role service)",
            description = "Deduplicated by (source, id): a re-sent event is answered as duplicate and changes "
                    + "nothing. An array is validated as a whole and applied in one transaction: all or nothing.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(oneOf = {InboundCloudEvent.class, InboundCloudEvent[].class}))))
    @ApiResponse(responseCode = "202", description = "At least one event was new and is now in the event store "
            + "(read models follow); the result of each, as an object for an object, an array for an array",
            content = @Content(schema = @Schema(oneOf = {IngestResult.class, IngestResult[].class})))
    @ApiResponse(responseCode = "200", description = "Every event was a duplicate: nothing changed",
            content = @Content(schema = @Schema(oneOf = {IngestResult.class, IngestResult[].class})))
    @ApiResponse(responseCode = "400", description = "Not JSON, or invalid events: errors name each by index, e.g. "
            + "[1].data.job_id")
    @ApiResponse(responseCode = "403", description = "Not a service token, or an orgid of another organisation")
    @ApiResponse(responseCode = "409", description = "An event contradicts what FieldOps knows (e.g. an unknown job)")
    @ApiResponse(responseCode = "413", description = "More than 5 MB or more than 1000 events")
    public ResponseEntity<Object> ingest(InputStream body, @AuthenticationPrincipal CurrentUser user)
            throws IOException {
        byte[] bytes = body.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) throw new PayloadTooLarge("The body is larger than 5 MB; send fewer events");
        JsonNode tree;
        try {
            tree = InboundEventReader.parseJson(bytes);
        } catch (JacksonException | InboundEventReader.JsonParseFailure e) {
            String reason = e instanceof JacksonException json ? json.getOriginalMessage() : e.getMessage();
            return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "malformed-body",
                    "The request body is not valid JSON: " + reason));
        }
        boolean array = tree.isArray();
        if (!array && !tree.isObject()) {
            throw new RuleViolation(RuleViolation.Kind.INVALID,
                    "The body must be a CloudEvent (a JSON object) or an array of them", List.of());
        }
        if (array && tree.size() > MAX_EVENTS) {
            throw new PayloadTooLarge("At most " + MAX_EVENTS + " events per request, not " + tree.size());
        }
        List<JsonNode> elements = new ArrayList<>();
        if (array) tree.forEach(elements::add); else elements.add(tree);

        List<InboundEvent> events = new ArrayList<>(elements.size());
        List<FieldMessage> errors = new ArrayList<>();
        int invalidEvents = 0;
        for (int index = 0; index < elements.size(); index++) {
            InboundEventReader.Reading reading = InboundEventReader.read(elements.get(index));
            if (reading.valid()) {
                events.add(reading.event());
            } else {
                invalidEvents++;
                String prefix = array ? "[" + index + "]" : "";
                reading.errors().forEach(error -> errors.add(new FieldMessage(join(prefix, error.field()),
                        error.message())));
            }
        }
        if (!errors.isEmpty()) {
            String detail = array ? invalidEvents + " of " + elements.size() + " events are invalid, none was applied: "
                    : "The CloudEvent is invalid: ";
            throw new RuleViolation(RuleViolation.Kind.INVALID, detail + InboundEventReader.describe(errors), errors);
        }
        for (int index = 0; index < events.size(); index++) {
            if (!events.get(index).orgId().equals(user.orgId())) {
                throw RuleViolation.forbidden((array ? "[" + index + "] " : "") + "orgid " + events.get(index).orgId()
                        + " is not this token's organisation: a service ingests events of its own organisation only");
            }
        }
        if (events.isEmpty()) return ResponseEntity.ok(List.of());

        List<IngestResult> results;
        try {
            results = commands.sendAndWait(new IngestInboundEvents(events, user.userId()));
        } catch (InboundRefused refused) {
            throw array ? refused.inArray() : refused;
        }
        metrics.ingested("http", results);
        HttpStatus status = results.stream().anyMatch(IngestResult::accepted) ? HttpStatus.ACCEPTED : HttpStatus.OK;
        return ResponseEntity.status(status).body(array ? results : results.get(0));
    }

    private static String join(String prefix, String field) {
        if (prefix.isEmpty()) return field;
        return field.isEmpty() ? prefix : prefix + "." + field;
    }
}
