package com.fieldops.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresTest {

    @TempDir
    Path dataDir;

    @Test
    void rowsSurviveARestartOnTheSameDataDir() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir, 0)) {
            assertThat(postgres.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:").endsWith("/fieldops");
            try (Connection c = connect(postgres); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE note (id int PRIMARY KEY, body text NOT NULL)");
                s.execute("INSERT INTO note VALUES (1, 'kept across restarts')");
            }
        }
        assertThat(dataDir.resolve("PG_VERSION")).exists();

        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir, 0);
             Connection c = connect(postgres);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_database(), body FROM note WHERE id = 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("fieldops");
            assertThat(rs.getString(2)).isEqualTo("kept across restarts");
        }
    }

    private static Connection connect(EmbeddedPostgres postgres) throws Exception {
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
    }
}
