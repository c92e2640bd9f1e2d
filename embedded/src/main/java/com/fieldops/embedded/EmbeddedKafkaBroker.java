package com.fieldops.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;

/**
 * A real single-node Kafka 3.9 broker running in this JVM in KRaft mode (one process acting as
 * broker and controller). The log directory holds both the metadata log and the topic data, so
 * topics and records survive a restart on the same directory.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    /** Loggers of the broker itself (not of the clients), kept at WARN unless configured otherwise. */
    public static final List<String> BROKER_LOGGERS = List.of(
            "kafka", "state.change.logger",
            "org.apache.kafka.server", "org.apache.kafka.controller", "org.apache.kafka.raft",
            "org.apache.kafka.metadata", "org.apache.kafka.image", "org.apache.kafka.storage",
            "org.apache.kafka.coordinator", "org.apache.kafka.queue", "org.apache.kafka.snapshot");

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String HOST = "127.0.0.1";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final KafkaRaftServer server;
    private final Path logDirectory;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafkaBroker(KafkaRaftServer server, Path logDirectory, int port) {
        this.server = server;
        this.logDirectory = logDirectory;
        this.port = port;
    }

    /**
     * Starts the broker with its PLAINTEXT listener on 127.0.0.1:{@code port} (0 = a free port) and
     * returns once it serves requests. The directory is formatted on first use only.
     */
    public static EmbeddedKafkaBroker start(Path logDirectory, int port) {
        Path dir = logDirectory.toAbsolutePath().normalize();
        if (port != 0 && !isFree(port)) {
            throw new IllegalStateException("Embedded Kafka cannot listen on " + HOST + ":" + port
                    + ": the port is in use (another broker?)");
        }
        int brokerPort = port == 0 ? freePort() : port;
        int controllerPort = freePort();
        quietBrokerLogging();
        neverExitTheJvm();

        KafkaConfig config = new KafkaConfig(brokerProperties(dir, brokerPort, controllerPort), false);
        formatIfNeeded(dir, config);

        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, dir, brokerPort);
        try {
            server.startup();
            broker.awaitReady();
        } catch (RuntimeException e) {
            broker.close(); // releases ports and the log dir lock of a half-started server
            throw new IllegalStateException("Embedded Kafka did not start on " + HOST + ":" + brokerPort
                    + " with log dir " + dir + ": " + e.getMessage(), e);
        }
        return broker;
    }

    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public Path logDirectory() {
        return logDirectory;
    }

    /** Controlled shutdown: logs are flushed and closed cleanly, so the next start needs no recovery. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            log.warn("Embedded Kafka in {} did not stop cleanly", logDirectory, e);
        }
    }

    private static Properties brokerProperties(Path dir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dir.toString());
        // one node: internal topics cannot have more than one replica
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "1");
        // after a killed JVM the controller keeps the old broker registration until its session
        // expires (9 s by default); broker and controller share this JVM, so a short session is safe
        p.put("broker.heartbeat.interval.ms", "500");
        p.put("broker.session.timeout.ms", "3000");
        // the log cleaner would otherwise reserve 128 MiB of the application's heap
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
        return p;
    }

    /** Writes meta.properties and the bootstrap checkpoint on first use; a formatted dir keeps its cluster id. */
    private static void formatIfNeeded(Path dir, KafkaConfig config) {
        if (Files.exists(dir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(dir);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(NODE_ID)
                    .addDirectory(dir.toString())
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format Kafka log dir " + dir, e);
        }
    }

    /** Waits until the broker answers a metadata request listing itself (it is then unfenced). */
    private void awaitReady() {
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Exception last = null;
        try (Admin admin = Admin.create(adminConfig)) {
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for embedded Kafka", e);
                } catch (Exception e) {
                    last = e;
                }
                sleep(100);
            }
        }
        throw new IllegalStateException("Embedded Kafka was not ready within " + READY_TIMEOUT, last);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + HOST, e);
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The broker logs hundreds of INFO lines at start. Lower its loggers to WARN unless the
     * application configured a level for them itself.
     */
    private static void quietBrokerLogging() {
        try {
            LoggingSystem logging = LoggingSystem.get(EmbeddedKafkaBroker.class.getClassLoader());
            for (String name : BROKER_LOGGERS) {
                LoggerConfiguration current = logging.getLoggerConfiguration(name);
                if (current == null || current.getConfiguredLevel() == null) {
                    logging.setLogLevel(name, LogLevel.WARN);
                }
            }
        } catch (RuntimeException e) {
            log.debug("Could not lower Kafka broker log levels", e);
        }
    }

    /**
     * On fatal metadata faults Kafka halts the process. Here the process is the application, which
     * should outlive its development broker, so such faults are logged instead.
     */
    private static void neverExitTheJvm() {
        Exit.setHaltProcedure((status, message) ->
                log.error("Embedded Kafka asked to halt the JVM (status {}): {}", status, message));
        Exit.setExitProcedure((status, message) ->
                log.error("Embedded Kafka asked to exit the JVM (status {}): {}", status, message));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for embedded Kafka", e);
        }
    }
}
