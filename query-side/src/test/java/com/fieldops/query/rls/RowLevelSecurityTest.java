package com.fieldops.query.rls;

import static com.fieldops.query.TestData.insertActivityType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fieldops.platform.security.AppRole;
import com.fieldops.platform.security.CurrentUser;
import com.fieldops.query.QuerySideTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The policies themselves, in plain JDBC as the role the query side reads as: they must hold even for a query
 * without any WHERE clause.
 */
@QuerySideTest
class RowLevelSecurityTest {

    @Autowired DataSource dataSource;
    @Autowired JdbcClient jdbc;
    @Autowired RlsReads rlsReads;

    private final UUID orgA = UUID.randomUUID();
    private final UUID orgB = UUID.randomUUID();
    private UUID enabledA;
    private UUID disabledA;

    @BeforeEach
    void rows() {
        enabledA = insertActivityType(jdbc, orgA, "Electrical", "95.50", true);
        disabledA = insertActivityType(jdbc, orgA, "Gas fitting", "80.00", false);
        insertActivityType(jdbc, orgB, "Electrical", "70.00", true);
        insertActivityType(jdbc, orgB, "Roofing", "60.00", false);
    }

    @Test
    void anAdminSeesAllRowsOfTheirOrgAndNothingElseWithoutAnyWhereClause() throws SQLException {
        assertThat(visibleIds(claims(orgA, "admin"))).containsExactlyInAnyOrder(enabledA, disabledA);
    }

    @Test
    void aTechnicianSeesNoDisabledRows() throws SQLException {
        assertThat(visibleIds(claims(orgA, "technician"))).containsExactly(enabledA);
        assertThat(visibleIds(claims(orgA, "manager"))).containsExactly(enabledA);
    }

    @Test
    void withoutClaimsOrWithoutAnOrgNothingIsVisible() throws SQLException {
        assertThat(visibleIds(null)).isEmpty();
        assertThat(visibleIds("{\"sub\":\"" + UUID.randomUUID() + "\",\"app_metadata\":{\"role\":\"admin\"}}"))
                .isEmpty();
        assertThat(jdbc.sql("select count(*) from activity_types").query(Long.class).single())
                .as("while the table owner sees them all").isGreaterThanOrEqualTo(4);
    }

    @Test
    void theReaderCannotWrite() throws SQLException {
        String claims = claims(orgA, "admin");
        assertPermissionDenied(claims, "insert into activity_types (id, org_id, name, hourly_rate, created_at,"
                + " updated_at, version) values ('" + UUID.randomUUID() + "', '" + orgA + "', 'x', 1, now(), now(), 0)");
        assertPermissionDenied(claims, "update activity_types set name = 'hacked' where id = '" + enabledA + "'");
        assertPermissionDenied(claims, "delete from activity_types where id = '" + enabledA + "'");
        assertThat(jdbc.sql("select name from activity_types where id = ?").param(enabledA).query(String.class)
                .single()).isEqualTo("Electrical");
    }

    @Test
    void rlsReadsRunsQueriesAsTheCallerAndLeavesTheConnectionAsItWas() {
        CurrentUser technician = user(orgA, AppRole.TECHNICIAN);
        List<UUID> seen = rlsReads.as(technician,
                client -> client.sql("select id from activity_types").query(UUID.class).list());
        assertThat(seen).containsExactly(enabledA);
        List<UUID> seenByAdmin = rlsReads.as(user(orgA, AppRole.ADMIN),
                client -> client.sql("select id from activity_types").query(UUID.class).list());
        assertThat(seenByAdmin).containsExactlyInAnyOrder(enabledA, disabledA);
        String role = rlsReads.as(technician, client -> client.sql("select current_user").query(String.class).single());
        assertThat(role).isEqualTo("fieldops_reader");
        assertThat(jdbc.sql("select current_user").query(String.class).single())
                .as("set local: the pooled connection is the application's again").isNotEqualTo("fieldops_reader");
        assertThat(rlsReads.claimsJson(technician)).contains("\"exp\":1767225600", "\"org_id\":\"" + orgA + "\"");
    }

    @Test
    void aOneRoundTripReadIsTheCallersAndLeavesItsConnectionAsItWas() throws SQLException {
        try (Connection pooled = dataSource.getConnection()) {
            // one connection for the reads and the checks after them, so the checks see what the reads left
            SingleConnectionDataSource one = new SingleConnectionDataSource(pooled, true);
            RlsReads reads = new RlsReads(new NamedParameterJdbcTemplate(one), new ObjectMapper());
            CurrentUser technician = user(orgA, AppRole.TECHNICIAN);

            assertThat(reads.list(technician, "select id from activity_types", Map.of(),
                    (row, n) -> row.getObject("id", UUID.class))).containsExactly(enabledA);
            assertThat(reads.list(user(orgA, AppRole.ADMIN), "select id from activity_types where org_id = :org",
                    Map.of("org", orgA), (row, n) -> row.getObject("id", UUID.class)))
                    .containsExactlyInAnyOrder(enabledA, disabledA);
            assertThat(reads.optional(technician, "select current_user as who", Map.of(),
                    (row, n) -> row.getString("who"))).hasValue("fieldops_reader");
            assertThatThrownBy(() -> reads.list(user(orgA, AppRole.ADMIN),
                    "update activity_types set name = name returning id", Map.of(), (row, n) -> row.getString(1)))
                    .as("read only, and the reader may not write anyway").isInstanceOf(DataAccessException.class);
            assertThatThrownBy(() -> reads.list(technician, "select 1 / 0", Map.of(), (row, n) -> row.getInt(1)))
                    .isInstanceOf(DataAccessException.class);

            JdbcClient sameConnection = JdbcClient.create(one);
            assertThat(sameConnection.sql("select current_user").query(String.class).single())
                    .as("the settings ended with the read, also after a failed one").isNotEqualTo("fieldops_reader");
            assertThat(sameConnection.sql("select coalesce(current_setting('request.jwt.claims', true), '')")
                    .query(String.class).single()).isEmpty();
            assertThat(sameConnection.sql("select current_setting('transaction_read_only')")
                    .query(String.class).single()).isEqualTo("off");
        }
    }

    private List<UUID> visibleIds(String claimsJson) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                asReader(connection, claimsJson);
                List<UUID> ids = new ArrayList<>();
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("select * from activity_types")) {
                    while (rows.next()) ids.add(rows.getObject("id", UUID.class));
                }
                return ids;
            } finally {
                connection.rollback();
            }
        }
    }

    private void assertPermissionDenied(String claimsJson, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                asReader(connection, claimsJson);
                assertThatThrownBy(() -> {
                    try (Statement statement = connection.createStatement()) {
                        statement.executeUpdate(sql);
                    }
                }).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(sql).isEqualTo("42501"));
            } finally {
                connection.rollback();
            }
        }
    }

    private static void asReader(Connection connection, String claimsJson) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("set local role fieldops_reader");
        }
        if (claimsJson != null) {
            try (PreparedStatement claims = connection.prepareStatement(
                    "select set_config('request.jwt.claims', ?, true)")) {
                claims.setString(1, claimsJson);
                claims.execute();
            }
        }
    }

    private static String claims(UUID org, String role) {
        return "{\"sub\":\"" + UUID.randomUUID() + "\",\"role\":\"authenticated\",\"app_metadata\":{\"org_id\":\""
                + org + "\",\"role\":\"" + role + "\"}}";
    }

    private static CurrentUser user(UUID org, AppRole role) {
        UUID userId = UUID.randomUUID();
        Map<String, Object> claims = Map.of("sub", userId.toString(), "role", "authenticated",
                "exp", Instant.ofEpochSecond(1767225600L),
                "app_metadata", Map.of("org_id", org.toString(), "role", role.claim()));
        return new CurrentUser(userId, org, role, null, "u@acme.test", "U", claims);
    }
}
