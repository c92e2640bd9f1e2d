package com.fieldops.command.ingestion;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What became of one inbound event: {@code accepted} (it is now a fact in FieldOps; an identical repeat of a
 * created fact is accepted without a new event) or {@code duplicate} (its source and id were received before, so
 * it changed nothing).
 */
public record IngestResult(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "the CloudEvent's id") String id,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                allowableValues = {IngestResult.ACCEPTED, IngestResult.DUPLICATE}) String status) {

    public static final String ACCEPTED = "accepted";
    public static final String DUPLICATE = "duplicate";

    public boolean accepted() {
        return ACCEPTED.equals(status);
    }
}
