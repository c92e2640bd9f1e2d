package com.fieldops.command.xero;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fieldops.events.xero.XeroSyncError;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads how a sync ended from the xero_sync_log read model, waiting for its end a bounded time. */
@Component
public class XeroSyncOutcomes {

    private static final long POLL_MILLIS = 100;
    private static final TypeReference<List<XeroSyncError>> ERRORS = new TypeReference<>() {
    };

    /** A finished sync: status success, partial or error, its final counts and errors. */
    public record Outcome(String status, int processed, int created, int updated, List<XeroSyncError> errors,
                          String error) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper mapper;

    public XeroSyncOutcomes(JdbcClient jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /** The sync's outcome once it finished, or empty when it has not within {@code timeout}. */
    public Optional<Outcome> awaitFinished(UUID syncId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<Outcome> outcome = jdbc.sql("""
                            select status, records_processed, records_created, records_updated, errors::text, error
                            from xero_sync_log where sync_id = :sync and status in ('success', 'partial', 'error')""")
                    .param("sync", syncId)
                    .query((row, number) -> new Outcome(row.getString(1), row.getInt(2), row.getInt(3),
                            row.getInt(4), errors(row.getString(5)), row.getString(6)))
                    .optional();
            if (outcome.isPresent() || System.nanoTime() > deadline) return outcome;
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    private List<XeroSyncError> errors(String json) {
        try {
            return mapper.readValue(json, ERRORS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("xero_sync_log.errors is not a list of errors", e);
        }
    }
}
