package com.fieldops.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's bundled binaries) whose data directory survives restarts.
 * <p>
 * The first start runs initdb in {@code dataDirectory}; later starts reuse the cluster found there.
 * A database named {@value #DATABASE} is created when absent and {@link #jdbcUrl()} points at it.
 * Authentication is {@code trust} for user {@value #USER}, so the password is empty.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    public static final String DATABASE = "fieldops";
    public static final String USER = "postgres";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    /** zonky holds a lock on this file in the data directory while its server runs */
    private static final String ZONKY_LOCK_FILE = "epg-lock";

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final String database;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres,
                             Path dataDirectory, String database) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.database = database;
    }

    /** Starts PostgreSQL on {@code port} (0 = a free port) with database {@value #DATABASE}. */
    public static EmbeddedPostgres start(Path dataDirectory, int port) {
        return start(dataDirectory, port, DATABASE);
    }

    /** Starts PostgreSQL on {@code port} (0 = a free port) and creates {@code database} if absent. */
    public static EmbeddedPostgres start(Path dataDirectory, int port, String database) {
        Path dir = dataDirectory.toAbsolutePath().normalize();
        stopOrphanedServer(dir);
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;
        try {
            postgres = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // loopback IPv4 only, matching jdbcUrl() whatever "localhost" resolves to
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // crash recovery after an unclean stop can take longer than zonky's 10 s default
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // EmbeddedServers stops it in order with Kafka, after the Spring contexts are closed
                    .setRegisterShutdownHook(false)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start in " + dir, e);
        }
        EmbeddedPostgres server = new EmbeddedPostgres(postgres, dir, database);
        try {
            server.createDatabaseIfAbsent();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    public String username() {
        return USER;
    }

    /** Empty: the cluster uses trust authentication. */
    public String password() {
        return "";
    }

    public int port() {
        return postgres.getPort();
    }

    public String database() {
        return database;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the server (fast shutdown); the data directory is kept. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL in {} did not stop cleanly", dataDirectory, e);
        }
    }

    private void createDatabaseIfAbsent() {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, database);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database + " in embedded PostgreSQL", e);
        }
    }

    /**
     * pg_ctl runs the server as a daemon, so a JVM that was killed leaves it running with the data
     * directory locked. Stop such a leftover server: only if no live JVM holds zonky's lock file
     * and the PID in postmaster.pid really is a postgres process.
     */
    private static void stopOrphanedServer(Path dir) {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        if (lockedByAnotherJvm(dir.resolve(ZONKY_LOCK_FILE))) {
            throw new IllegalStateException("Embedded PostgreSQL data dir " + dir + " is in use by another process");
        }
        Optional<ProcessHandle> orphan;
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            orphan = ProcessHandle.of(pid)
                    .filter(p -> p.info().command().map(cmd -> cmd.endsWith("postgres")).orElse(false));
        } catch (IOException | RuntimeException e) {
            return; // unreadable or stale pid file: postgres itself copes with that
        }
        orphan.ifPresent(p -> {
            log.warn("Stopping PostgreSQL (pid {}) left running on {} by an earlier process", p.pid(), dir);
            p.destroy(); // SIGTERM = smart shutdown; its clients died with the old JVM
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        });
    }

    private static boolean lockedByAnotherJvm(Path lockFile) {
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            return lock == null;
        } catch (OverlappingFileLockException e) {
            return true; // held by this JVM: a server that is still running
        } catch (IOException e) {
            return false;
        }
    }
}
