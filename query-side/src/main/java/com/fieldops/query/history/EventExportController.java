package com.fieldops.query.history;

import com.fieldops.events.EventCatalog;
import com.fieldops.platform.problem.FieldMessage;
import com.fieldops.platform.problem.RuleViolation;
import com.fieldops.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The event history as a product: an organisation's events from the event store, streamed as NDJSON. */
@RestController
@RequestMapping("/api")
@Tag(name = "Event history")
public class EventExportController {

    public static final String NDJSON = "application/x-ndjson";
    private static final Set<String> PARAMETERS = Set.of("after", "from", "to", "type", "subject");
    private static final int MAX_TEXT = 255;

    private final EventExport export;
    private final ExportSlots slots;

    public EventExportController(EventExport export, ExportSlots slots) {
        this.export = export;
        this.slots = slots;
    }

    @GetMapping("/events")
    @PreAuthorize("hasAnyRole('ADMIN', 'ANALYST')")
    @Operation(summary = "Export the organisation's events from the event store as NDJSON, in global order (admin, "
            + "analyst)",
            description = "One CloudEvent per line, exactly as published on Kafka topic fieldops.events, each with "
                    + "its `position` (global index in the event store). The response streams: resume an "
                    + "interrupted export with `after` = the position of the last complete line (a last line "
                    + "without its newline is incomplete). Events are upcast to their current version. An export "
                    + "stops at the store's horizon: an event whose earlier neighbour may still be being written "
                    + "(up to 60 s) is left for the next export, so resuming with `after` never skips one.")
    @ApiResponse(responseCode = "200", description = "NDJSON, one CloudEvent per line",
            content = @Content(mediaType = NDJSON, schema = @Schema(implementation = ExportedEvent.class)))
    @ApiResponse(responseCode = "400", description = "A malformed, unknown or repeated parameter, or from after to")
    @ApiResponse(responseCode = "429", description = "Too many exports are running on this instance: try again "
            + "after the Retry-After seconds")
    public void exportEvents(@Parameter(hidden = true) @AuthenticationPrincipal CurrentUser user,
                       @Parameter(description = "only events after this position (the `position` of the last event "
                               + "received), to resume", schema = @Schema(type = "integer", format = "int64",
                               minimum = "0"))
                       @RequestParam(required = false) String after,
                       @Parameter(description = "only events at or after this time (ISO-8601, e.g. "
                               + "2026-01-23T00:00:00Z)", schema = @Schema(type = "string", format = "date-time"))
                       @RequestParam(required = false) String from,
                       @Parameter(description = "only events before this time (exclusive)",
                               schema = @Schema(type = "string", format = "date-time"))
                       @RequestParam(required = false) String to,
                       @Parameter(description = "only events whose CloudEvents type starts with this, e.g. "
                               + "`fieldops.timesheet.` or `fieldops.job.created.v1`")
                       @RequestParam(required = false) String type,
                       @Parameter(description = "only the events of this subject (aggregate id)")
                       @RequestParam(required = false) String subject,
                       @Parameter(hidden = true) HttpServletRequest request,
                       @Parameter(hidden = true) HttpServletResponse response) throws IOException {
        List<FieldMessage> errors = new ArrayList<>();
        request.getParameterMap().forEach((name, values) -> {
            // a misspelt filter would otherwise export everything without a word
            if (!PARAMETERS.contains(name)) errors.add(new FieldMessage(name, "is not a parameter of this endpoint"));
            else if (values.length > 1) errors.add(new FieldMessage(name, "may be given once"));
        });
        if (!errors.isEmpty()) throw RuleViolation.invalid(errors);
        long afterPosition = position(after, errors);
        Instant fromTime = time("from", from, errors);
        Instant toTime = time("to", to, errors);
        if (fromTime != null && toTime != null && fromTime.isAfter(toTime)) {
            errors.add(new FieldMessage("from", "must not be after to"));
        }
        List<String> payloadTypes = payloadTypes(type, errors);
        if (subject != null && (subject.isBlank() || subject.length() > MAX_TEXT)) {
            errors.add(new FieldMessage("subject", "must be 1 to " + MAX_TEXT + " characters"));
        }
        if (!errors.isEmpty()) throw RuleViolation.invalid(errors);

        EventStorePages.Filter filter = new EventStorePages.Filter(user.orgId(), fromTime, toTime, payloadTypes,
                subject, export.horizon());
        slots.acquire();
        try {
            response.setContentType(NDJSON);
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-store");
            export.write(filter, afterPosition, response.getOutputStream());
        } finally {
            slots.release();
        }
    }

    private static long position(String value, List<FieldMessage> errors) {
        if (value == null) return 0;
        try {
            long position = Long.parseLong(value.trim());
            if (position >= 0) return position;
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldMessage("after", "must be a position: a whole number, 0 or more"));
        return 0;
    }

    private static Instant time(String name, String value, List<FieldMessage> errors) {
        if (value == null) return null;
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldMessage(name, "must be an ISO-8601 time with offset, e.g. 2026-01-23T14:30:00Z"));
            return null;
        }
    }

    /** The Axon payload types (event classes) of the current types the prefix selects; null for all. */
    private static List<String> payloadTypes(String prefix, List<FieldMessage> errors) {
        if (prefix == null) return null;
        List<String> classes = EventCatalog.all().entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(prefix))
                .map(entry -> entry.getValue().getName()).distinct().toList();
        if (prefix.isBlank() || classes.isEmpty()) {
            // a typo or a superseded version would export nothing and look like an empty history
            errors.add(new FieldMessage("type", "matches no event type; types are listed in docs/analysts.md, "
                    + "e.g. fieldops.timesheet."));
        }
        return classes;
    }
}
