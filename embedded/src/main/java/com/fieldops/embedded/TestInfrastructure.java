package com.fieldops.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.util.FileSystemUtils;

/**
 * PostgreSQL and Kafka for tests, set up once per JVM.
 * <ul>
 *   <li>PostgreSQL: the machine's server at 127.0.0.1:5432 (user postgres, trust auth) when it
 *       answers within a second, with a fresh database {@code fieldops_test_<random>} that is
 *       dropped when the JVM ends; otherwise an embedded PostgreSQL in a temporary directory.</li>
 *   <li>Kafka: an embedded KRaft broker in a temporary directory on a free port.</li>
 * </ul>
 * Temporary directories are deleted when the JVM ends.
 * Use {@link TestInfrastructureInitializer} for Spring contexts, or {@link #apply(Map)} for
 * anything that takes a property map.
 */
public final class TestInfrastructure {

    public static final String LOCAL_POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/";
    public static final String USER = "postgres";

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);

    private static String jdbcUrl;
    private static String bootstrapServers;

    private TestInfrastructure() {
    }

    /** JDBC URL of this JVM's test database (user {@value #USER}, empty password). */
    public static synchronized String jdbcUrl() {
        if (jdbcUrl == null) {
            jdbcUrl = localTestDatabase();
            if (jdbcUrl == null) {
                jdbcUrl = EmbeddedServers.postgres(tempDir("fieldops-test-postgres"), 0).jdbcUrl();
                log.info("Test PostgreSQL (embedded): {}", jdbcUrl);
            }
        }
        return jdbcUrl;
    }

    public static String username() {
        return USER;
    }

    public static String password() {
        return "";
    }

    /** Bootstrap servers of this JVM's test Kafka broker. */
    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            bootstrapServers = EmbeddedServers.kafka(tempDir("fieldops-test-kafka"), 0).bootstrapServers();
            log.info("Test Kafka (embedded KRaft): {}", bootstrapServers);
        }
        return bootstrapServers;
    }

    /**
     * Spring properties pointing at the test servers: spring.datasource.url/username/password,
     * spring.kafka.bootstrap-servers, and fieldops.embedded.enabled=false.
     */
    public static Map<String, Object> properties() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("spring.datasource.url", jdbcUrl());
        props.put("spring.datasource.username", username());
        props.put("spring.datasource.password", password());
        props.put("spring.kafka.bootstrap-servers", bootstrapServers());
        props.put(EmbeddedInfrastructure.ENABLED, "false");
        return props;
    }

    /** Puts {@link #properties()} into {@code props} and returns it. */
    public static Map<String, Object> apply(Map<String, Object> props) {
        props.putAll(properties());
        return props;
    }

    /** Creates a fresh database on the local server, or returns null when that server is not there. */
    private static String localTestDatabase() {
        String database = "fieldops_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = connectLocal("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            log.info("No usable PostgreSQL at {} ({}); using an embedded one", LOCAL_POSTGRES_URL, e.getMessage());
            return null;
        }
        SpringApplication.getShutdownHandlers().add(() -> dropLocal(database));
        String url = LOCAL_POSTGRES_URL + database;
        log.info("Test PostgreSQL (local server): {}", url);
        return url;
    }

    private static void dropLocal(String database) {
        try (Connection c = connectLocal("postgres"); Statement s = c.createStatement()) {
            // FORCE (PostgreSQL 13+) ends connections of test contexts that are still closing
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            log.warn("Could not drop test database {}: {}", database, e.getMessage());
        }
    }

    private static Connection connectLocal(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("connectTimeout", "1"); // seconds: an absent server must not slow tests down
        props.setProperty("socketTimeout", "30");
        return DriverManager.getConnection(LOCAL_POSTGRES_URL + database, props);
    }

    /** A temporary directory that is deleted when the JVM ends, after the servers have stopped. */
    private static Path tempDir(String prefix) {
        Path dir;
        try {
            dir = Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SpringApplication.getShutdownHandlers().add(() -> {
            EmbeddedServers.stopAll();
            FileSystemUtils.deleteRecursively(dir.toFile());
        });
        return dir;
    }
}
