package com.fieldops.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.springframework.boot.SpringApplication;

/**
 * The servers started in this JVM, one per data directory, so that several Spring contexts (for
 * example cached test contexts) share them instead of fighting over ports and directory locks.
 * <p>
 * They are stopped by Spring Boot's JVM shutdown hook, after it has closed the application
 * contexts that still use them: Kafka first (a clean broker shutdown makes the next start fast
 * and lossless), then PostgreSQL.
 */
public final class EmbeddedServers {

    private static final Map<Path, EmbeddedPostgres> postgres = new LinkedHashMap<>();
    private static final Map<Path, EmbeddedKafkaBroker> kafka = new LinkedHashMap<>();
    private static boolean stopRegistered;

    private EmbeddedServers() {
    }

    /** The PostgreSQL of {@code dataDirectory}, started on first request ({@code port} applies then only). */
    public static synchronized EmbeddedPostgres postgres(Path dataDirectory, int port) {
        Path dir = dataDirectory.toAbsolutePath().normalize();
        EmbeddedPostgres server = postgres.get(dir);
        if (server == null) {
            registerStop();
            server = EmbeddedPostgres.start(dir, port);
            postgres.put(dir, server);
        }
        return server;
    }

    /** The Kafka broker of {@code logDirectory}, started on first request ({@code port} applies then only). */
    public static synchronized EmbeddedKafkaBroker kafka(Path logDirectory, int port) {
        Path dir = logDirectory.toAbsolutePath().normalize();
        EmbeddedKafkaBroker broker = kafka.get(dir);
        if (broker == null) {
            registerStop();
            broker = EmbeddedKafkaBroker.start(dir, port);
            kafka.put(dir, broker);
        }
        return broker;
    }

    /** Stops every server started here: Kafka brokers first, then PostgreSQL. */
    public static void stopAll() {
        stop(dir -> true);
    }

    /** Stops the servers whose directory is {@code root} or inside it, Kafka brokers first. */
    public static void stopAllUnder(Path root) {
        Path top = root.toAbsolutePath().normalize();
        stop(dir -> dir.startsWith(top));
    }

    private static synchronized void stop(Predicate<Path> which) {
        List<AutoCloseable> servers = new ArrayList<>(remove(kafka, which));
        servers.addAll(remove(postgres, which));
        for (AutoCloseable server : servers) {
            try {
                server.close();
            } catch (Exception e) {
                // keep stopping the others
            }
        }
    }

    private static <T> List<T> remove(Map<Path, T> servers, Predicate<Path> which) {
        List<T> removed = new ArrayList<>();
        servers.entrySet().removeIf(entry -> {
            if (which.test(entry.getKey())) {
                removed.add(entry.getValue());
                return true;
            }
            return false;
        });
        return removed;
    }

    private static void registerStop() {
        if (!stopRegistered) {
            // runs in Spring Boot's shutdown hook once all application contexts are closed
            SpringApplication.getShutdownHandlers().add(EmbeddedServers::stopAll);
            stopRegistered = true;
        }
    }
}
