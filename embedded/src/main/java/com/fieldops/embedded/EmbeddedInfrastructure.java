package com.fieldops.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts an embedded PostgreSQL and/or Kafka broker when the application is not configured with
 * real ones, so that the application runs with no setup at all.
 * <ul>
 *   <li>{@code spring.datasource.url} unset: PostgreSQL under {@code <fieldops.data-dir>/postgres}
 *       on {@code fieldops.embedded.postgres-port} (0 = a free port);</li>
 *   <li>{@code spring.kafka.bootstrap-servers} unset: a KRaft broker under
 *       {@code <fieldops.data-dir>/kafka} on 127.0.0.1:{@code fieldops.embedded-kafka-port} (9092).</li>
 * </ul>
 * {@code fieldops.data-dir} defaults to {@code ./.fieldops}. When anything was started,
 * {@code fieldops.embedded.active=true} is set. {@code fieldops.embedded.enabled=false} turns all
 * of this off. Servers live until the JVM ends (see {@link EmbeddedServers}).
 */
public class EmbeddedInfrastructure implements EnvironmentPostProcessor, Ordered {

    public static final String ENABLED = "fieldops.embedded.enabled";
    public static final String ACTIVE = "fieldops.embedded.active";
    public static final String DATA_DIR = "fieldops.data-dir";
    public static final String POSTGRES_PORT = "fieldops.embedded.postgres-port";
    public static final String KAFKA_PORT = "fieldops.embedded-kafka-port";
    public static final String DEFAULT_DATA_DIR = "./.fieldops";
    public static final int DEFAULT_KAFKA_PORT = 9092;

    static final String PROPERTY_SOURCE = "fieldopsEmbeddedInfrastructure";
    static final String LOGGING_DEFAULTS = "fieldopsEmbeddedLoggingDefaults";

    private final Log log;

    public EmbeddedInfrastructure(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(EmbeddedInfrastructure.class);
    }

    /** After the config data processor, so that application.properties/yml settings are visible. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty(ENABLED, Boolean.class, true) || usesTestInfrastructure(application)) {
            return;
        }
        Path dataDir = Path.of(environment.getProperty(DATA_DIR, DEFAULT_DATA_DIR)).toAbsolutePath().normalize();
        Map<String, Object> properties = new LinkedHashMap<>();

        if (isBlank(environment.getProperty("spring.datasource.url"))) {
            EmbeddedPostgres postgres = EmbeddedServers.postgres(dataDir.resolve("postgres"),
                    environment.getProperty(POSTGRES_PORT, Integer.class, 0));
            properties.put("spring.datasource.url", postgres.jdbcUrl());
            properties.put("spring.datasource.username", postgres.username());
            properties.put("spring.datasource.password", postgres.password());
            log.info("Embedded PostgreSQL: " + postgres.jdbcUrl() + " (user " + postgres.username()
                    + ", data dir " + postgres.dataDirectory() + ")");
        }

        if (isBlank(environment.getProperty("spring.kafka.bootstrap-servers"))) {
            EmbeddedKafkaBroker kafka;
            try {
                kafka = EmbeddedServers.kafka(dataDir.resolve("kafka"),
                        environment.getProperty(KAFKA_PORT, Integer.class, DEFAULT_KAFKA_PORT));
            } catch (IllegalStateException e) {
                throw new IllegalStateException(e.getMessage() + ". Set FIELDOPS_EMBEDDED_KAFKA_PORT to another port,"
                        + " or SPRING_KAFKA_BOOTSTRAP_SERVERS to use a running Kafka", e);
            }
            properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
            addBrokerLoggingDefaults(environment);
            log.info("Embedded Kafka (KRaft): bootstrap servers " + kafka.bootstrapServers()
                    + " (log dir " + kafka.logDirectory() + ")");
        }

        if (!properties.isEmpty()) {
            properties.put(ACTIVE, "true");
            environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
        }
    }

    /** Contexts set up by TestInfrastructureInitializer get their servers from it; its initializer only runs later. */
    private static boolean usesTestInfrastructure(SpringApplication application) {
        return application != null && application.getInitializers().stream()
                .anyMatch(TestInfrastructureInitializer.class::isInstance);
    }

    /**
     * Spring Boot sets up logging after this runs and would reset the levels the broker lowered;
     * these defaults (lowest precedence, so any logging.level setting wins) keep it quiet.
     */
    private static void addBrokerLoggingDefaults(ConfigurableEnvironment environment) {
        Map<String, Object> levels = new LinkedHashMap<>();
        for (String logger : EmbeddedKafkaBroker.BROKER_LOGGERS) {
            levels.put("logging.level." + logger, "WARN");
        }
        environment.getPropertySources().addLast(new MapPropertySource(LOGGING_DEFAULTS, levels));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
