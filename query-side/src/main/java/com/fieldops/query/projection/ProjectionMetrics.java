package com.fieldops.query.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * Projection health for dashboards and alerts:
 * <ul>
 *   <li>{@code fieldops.projection.lag{projection}}: seconds between now and the CloudEvent time of the last event
 *       the projection applied (NaN until it applied one). It also grows while no events arrive, so read it
 *       together with Kafka's own consumer lag ({@code kafka.consumer.fetch.manager.records.lag.max}, registered
 *       by Spring Boot for the consumer), which says whether records are actually waiting.</li>
 *   <li>{@code fieldops.projection.dead.letters{exception}}: records sent to fieldops.events.DLT.</li>
 * </ul>
 */
@Component
public class ProjectionMetrics {

    public static final String LAG = "fieldops.projection.lag";
    public static final String DEAD_LETTERS = "fieldops.projection.dead.letters";

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, AtomicReference<Instant>> lastApplied = new ConcurrentHashMap<>();

    public ProjectionMetrics(MeterRegistry registry, List<Projection> projections) {
        this.registry = registry;
        this.clock = Clock.systemUTC();
        // registered up front, so a projection that has applied nothing yet shows up (as NaN) instead of missing
        projections.forEach(projection -> lastAppliedOf(projection.name()));
    }

    /** The projection applied (or had already applied) an event stamped {@code eventTime}. */
    public void applied(String projection, Instant eventTime) {
        lastAppliedOf(projection).set(eventTime);
    }

    public void deadLettered(Throwable reason) {
        Counter.builder(DEAD_LETTERS)
                .description("Records of fieldops.events sent to the dead-letter topic")
                .tag("exception", reason.getClass().getSimpleName())
                .register(registry)
                .increment();
    }

    /** The time of the last event the projection applied in this process, if any. */
    public Optional<Instant> lastApplied(String projection) {
        return Optional.ofNullable(lastAppliedOf(projection).get());
    }

    /** Seconds from the last applied event's time to now; NaN before the first one. */
    public double lagSeconds(String projection) {
        return secondsSince(lastAppliedOf(projection).get());
    }

    private double secondsSince(Instant eventTime) {
        return eventTime == null ? Double.NaN : Duration.between(eventTime, clock.instant()).toMillis() / 1000.0;
    }

    private AtomicReference<Instant> lastAppliedOf(String projection) {
        return lastApplied.computeIfAbsent(projection, name -> {
            AtomicReference<Instant> holder = new AtomicReference<>();
            Gauge.builder(LAG, holder, last -> secondsSince(last.get()))
                    .description("Seconds between now and the time of the last event the projection applied")
                    .tag("projection", name)
                    .baseUnit("seconds")
                    .register(registry);
            return holder;
        });
    }
}
