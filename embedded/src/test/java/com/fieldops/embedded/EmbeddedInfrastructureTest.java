package com.fieldops.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class EmbeddedInfrastructureTest {

    @TempDir
    static Path dataDir;

    private final EmbeddedInfrastructure processor = new EmbeddedInfrastructure(Supplier::get);

    @AfterAll
    static void stopServers() {
        EmbeddedServers.stopAllUnder(dataDir);
    }

    @Test
    void startsBothServersFromEnvironmentVariablesAndSharesThemPerDataDir() {
        int kafkaPort = EmbeddedKafkaBroker.freePort();
        StandardEnvironment env = environment(Map.of(
                "FIELDOPS_DATA_DIR", dataDir.toString(),
                "FIELDOPS_EMBEDDED_KAFKA_PORT", String.valueOf(kafkaPort)));

        processor.postProcessEnvironment(env, new SpringApplication());

        assertThat(env.getProperty("spring.datasource.url")).startsWith("jdbc:postgresql://127.0.0.1:").endsWith("/fieldops");
        assertThat(env.getProperty("spring.datasource.username")).isEqualTo("postgres");
        assertThat(env.getProperty("spring.kafka.bootstrap-servers")).isEqualTo("127.0.0.1:" + kafkaPort);
        assertThat(env.getProperty("fieldops.embedded.active")).isEqualTo("true");
        assertThat(env.getProperty("logging.level.kafka")).isEqualTo("WARN");
        assertThat(dataDir.resolve("postgres/PG_VERSION")).exists();
        assertThat(dataDir.resolve("kafka/meta.properties")).exists();

        // a real Spring Boot application finds the post-processor through spring.factories
        SpringApplication app = new SpringApplication(Empty.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext context = app.run(
                "--fieldops.data-dir=" + dataDir, "--fieldops.embedded-kafka-port=" + kafkaPort)) {
            assertThat(context.getEnvironment().getProperty("fieldops.embedded.active")).isEqualTo("true");
            assertThat(context.getEnvironment().getProperty("spring.datasource.url"))
                    .as("same server for the same data dir").isEqualTo(env.getProperty("spring.datasource.url"));
        }
    }

    @Test
    void startsNothingWhenServersAreConfigured() {
        StandardEnvironment env = environment(Map.of(
                "FIELDOPS_DATA_DIR", dataDir.resolve("unused").toString(),
                "SPRING_DATASOURCE_URL", "jdbc:postgresql://db.example:5432/fieldops",
                "SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka.example:9092"));

        processor.postProcessEnvironment(env, new SpringApplication());

        assertThat(env.getProperty("fieldops.embedded.active")).isNull();
        assertThat(env.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db.example:5432/fieldops");
        assertThat(dataDir.resolve("unused")).doesNotExist();
    }

    @Test
    void startsNothingWhenDisabled() {
        StandardEnvironment env = environment(Map.of(
                "FIELDOPS_DATA_DIR", dataDir.resolve("disabled").toString(),
                "FIELDOPS_EMBEDDED_ENABLED", "false"));

        processor.postProcessEnvironment(env, new SpringApplication());

        assertThat(env.getProperty("fieldops.embedded.active")).isNull();
        assertThat(env.getProperty("spring.datasource.url")).isNull();
        assertThat(dataDir.resolve("disabled")).doesNotExist();
    }

    /** An environment whose only variables are {@code variables}, resolved as Spring Boot resolves real ones. */
    private static StandardEnvironment environment(Map<String, Object> variables) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        env.getPropertySources().addLast(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        return env;
    }

    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }
}
