package com.fieldops.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A CloudEvent 1.0 in structured JSON mode with the FieldOps extensions: {@code orgid}, {@code actorid},
 * {@code actorname}, {@code sequence} (the aggregate sequence number) and {@code position} (the global index in the
 * event store, present on every event taken from it).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(String specversion, String id, String source, String type, String subject, Instant time,
                         String datacontenttype, String orgid, String actorid, String actorname, Long sequence,
                         Long position, JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";
}
