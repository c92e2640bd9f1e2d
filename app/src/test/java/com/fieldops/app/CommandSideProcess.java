package com.fieldops.app;

import com.fieldops.app.xero.XeroFake;
import com.fieldops.command.CommandSideApplication;
import com.fieldops.embedded.TestInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command side ({@link CommandSideApplication}) in a JVM of its own on the tests' PostgreSQL, Kafka and Xero
 * fake: a process a test can kill outright (SIGKILL), as a crash would, which a second application context in the
 * test's JVM cannot be.
 */
final class CommandSideProcess {

    private static final String STARTED = "Started CommandSideApplication";

    private CommandSideProcess() {
    }

    /** Starts it, logging to {@code log}, and returns once it is ready. */
    static Process start(Path log) throws IOException, InterruptedException {
        Map<String, Object> settings = new LinkedHashMap<>(TestInfrastructure.properties());
        settings.putAll(XeroFake.settings());
        settings.putAll(Map.of("fieldops.jwt.secret", Api.SECRET, "fieldops.encryption-key", Api.ENCRYPTION_KEY,
                "fieldops.xero.schedule-check-cron", "-", "server.port", "0", "management.server.port", "0"));
        settings.putAll(Map.of("db-scheduler.polling-interval", "100ms", "db-scheduler.heartbeat-interval", "500ms",
                // its own inbound consumer group, so its death does not stall the tests' consumers
                "fieldops.ingestion.consumer-group", "fieldops-ingestion-" + ProcessHandle.current().pid() + "-dying"));
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), CommandSideApplication.class.getName()));
        settings.forEach((key, value) -> command.add("--" + key + "=" + value));
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (!Files.readString(log).contains(STARTED)) {
            if (!process.isAlive()) throw new IllegalStateException("the command side did not start: see " + log);
            if (Instant.now().isAfter(deadline)) {
                process.destroyForcibly();
                throw new IllegalStateException("the command side did not start within 180 s: see " + log);
            }
            Thread.sleep(200);
        }
        return process;
    }
}
