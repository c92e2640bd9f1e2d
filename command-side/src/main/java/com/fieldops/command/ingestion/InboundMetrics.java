package com.fieldops.command.ingestion;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code fieldops.inbound.events{channel=kafka|http, status=accepted|duplicate}}: inbound events ingested (counted
 * after their transaction committed); {@code fieldops.inbound.dead.letters{exception}}: Kafka records sent to
 * fieldops.inbound.DLT.
 */
@Component
public class InboundMetrics {

    public static final String EVENTS = "fieldops.inbound.events";
    public static final String DEAD_LETTERS = "fieldops.inbound.dead.letters";

    private final MeterRegistry registry;

    public InboundMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void ingested(String channel, List<IngestResult> results) {
        long accepted = results.stream().filter(IngestResult::accepted).count();
        if (accepted > 0) counter(channel, IngestResult.ACCEPTED).increment(accepted);
        if (accepted < results.size()) counter(channel, IngestResult.DUPLICATE).increment(results.size() - accepted);
    }

    void deadLettered(Throwable reason) {
        Counter.builder(DEAD_LETTERS).description("inbound records sent to the dead-letter topic")
                .tag("exception", reason.getClass().getSimpleName()).register(registry).increment();
    }

    private Counter counter(String channel, String status) {
        return Counter.builder(EVENTS).description("inbound events ingested")
                .tag("channel", channel).tag("status", status).register(registry);
    }
}
