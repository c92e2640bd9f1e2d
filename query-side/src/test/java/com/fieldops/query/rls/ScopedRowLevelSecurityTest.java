package com.fieldops.query.rls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fieldops.query.QuerySideTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The role scopes of DESIGN §8 in the policies of timesheets, activity_log and jobs: a technician's own rows, a
 * manager's team's (and own), an admin's or analyst's whole organisation; and of the financials (invoices,
 * revenue_targets): the whole organisation for admins, managers and analysts, nothing for technicians. Never another
 * organisation's, even with {@code select *} and no WHERE clause.
 */
@QuerySideTest
class ScopedRowLevelSecurityTest {

    @Autowired DataSource dataSource;
    @Autowired JdbcClient jdbc;

    private final UUID orgA = UUID.randomUUID();
    private final UUID teamA = UUID.randomUUID();
    private final UUID teamB = UUID.randomUUID();
    private final UUID techA = UUID.randomUUID();
    private final UUID techA2 = UUID.randomUUID();
    private final UUID techB = UUID.randomUUID();
    private final UUID managerA = UUID.randomUUID();
    private UUID sheetA;
    private UUID sheetA2;
    private UUID sheetB;
    private UUID sheetOtherOrg;
    private UUID invoiceA;
    private UUID targetA;

    @BeforeEach
    void rows() {
        sheetA = timesheet(orgA, techA, teamA);
        sheetA2 = timesheet(orgA, techA2, teamA);
        sheetB = timesheet(orgA, techB, teamB);
        sheetOtherOrg = timesheet(UUID.randomUUID(), techA, teamA);
        UUID otherOrg = UUID.randomUUID();
        invoiceA = invoice(orgA);
        invoice(otherOrg);
        targetA = target(orgA);
        target(otherOrg);
    }

    private UUID invoice(UUID org) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into invoices (id, org_id, xero_invoice_id, invoice_number, type, status, due_date, total,
                                              amount_due, amount_paid, currency, updated_at, recorded_at, version)
                        values (?, ?, ?, 'INV-1', 'ACCREC', 'AUTHORISED', current_date - 1, 115, 115, 0, 'NZD', now(),
                                now(), 0)""")
                .params(id, org, UUID.randomUUID()).update();
        return id;
    }

    private UUID target(UUID org) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into revenue_targets (id, org_id, month, amount, updated_at, version)
                        values (?, ?, date_trunc('month', current_date), 10000, now(), 0)""")
                .params(id, org).update();
        return id;
    }

    private UUID timesheet(UUID org, UUID user, UUID team) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into timesheets (id, org_id, user_id, team_id, job_id, activity_type_id, work_date, hours,
                                                status, created_at, updated_at, version)
                        values (?, ?, ?, ?, ?, ?, current_date, 1, 'draft', now(), now(), 0)""")
                .params(id, org, user, team, UUID.randomUUID(), UUID.randomUUID()).update();
        jdbc.sql("""
                        insert into activity_log (id, org_id, user_id, action, resource_type, resource_id,
                                                  subject_user_id, team_id, created_at)
                        values (?, ?, ?, 'timesheet_created', 'timesheet', ?, ?, ?, now())""")
                .params(UUID.randomUUID(), org, user, id, user, team).update();
        jdbc.sql("""
                        insert into jobs (id, org_id, title, assignee_id, assignee_team_id, version)
                        values (?, ?, 'job', ?, ?, 0)""")
                .params(id, org, user, team).update();
        return id;
    }

    @Test
    void technicianSeesOwnRowsOnly() throws SQLException {
        String claims = claims(techA, "technician", teamA);
        assertThat(visible("select id from timesheets", claims)).containsExactly(sheetA);
        assertThat(visible("select resource_id from activity_log", claims)).containsExactly(sheetA);
        assertThat(visible("select id from jobs", claims)).containsExactly(sheetA);
    }

    @Test
    void managerSeesTheirTeam() throws SQLException {
        String claims = claims(managerA, "manager", teamA);
        assertThat(visible("select id from timesheets", claims)).containsExactlyInAnyOrder(sheetA, sheetA2);
        assertThat(visible("select resource_id from activity_log", claims)).containsExactlyInAnyOrder(sheetA, sheetA2);
        assertThat(visible("select id from jobs", claims)).containsExactlyInAnyOrder(sheetA, sheetA2);
    }

    @Test
    void adminsAndAnalystsSeeTheirOrganisationOnly() throws SQLException {
        for (String role : new String[] {"admin", "analyst"}) {
            String claims = claims(UUID.randomUUID(), role, null);
            assertThat(visible("select id from timesheets", claims)).containsExactlyInAnyOrder(sheetA, sheetA2, sheetB)
                    .doesNotContain(sheetOtherOrg);
            assertThat(visible("select resource_id from activity_log", claims))
                    .containsExactlyInAnyOrder(sheetA, sheetA2, sheetB);
            assertThat(visible("select id from jobs", claims)).containsExactlyInAnyOrder(sheetA, sheetA2, sheetB);
        }
    }

    @Test
    void financialsAreTheOrganisationsForAdminsManagersAndAnalystsOnly() throws SQLException {
        for (String role : new String[] {"admin", "manager", "analyst"}) {
            String claims = claims(UUID.randomUUID(), role, "manager".equals(role) ? teamA : null);
            assertThat(visible("select id from invoices", claims)).as(role).containsExactly(invoiceA);
            assertThat(visible("select id from revenue_targets", claims)).as(role).containsExactly(targetA);
        }
        for (String claims : new String[] {claims(techA, "technician", teamA), claims(techA, "service", null),
                "{\"sub\":\"" + techA + "\",\"app_metadata\":{\"role\":\"admin\"}}"}) {
            assertThat(visible("select id from invoices", claims)).as(claims).isEmpty();
            assertThat(visible("select id from revenue_targets", claims)).as(claims).isEmpty();
        }
    }

    private String claims(UUID sub, String role, UUID team) {
        return "{\"sub\":\"" + sub + "\",\"app_metadata\":{\"org_id\":\"" + orgA + "\",\"role\":\"" + role + "\""
                + (team == null ? "" : ",\"team_id\":\"" + team + "\"") + "}}";
    }

    private Set<UUID> visible(String sql, String claims) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement reader = connection.prepareStatement(
                        "select set_config('role', 'fieldops_reader', true), set_config('request.jwt.claims', ?, true)")) {
                    reader.setString(1, claims);
                    reader.execute();
                }
                Set<UUID> ids = new HashSet<>();
                try (PreparedStatement query = connection.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
                    while (rows.next()) ids.add(rows.getObject(1, UUID.class));
                }
                return ids;
            } finally {
                connection.rollback();
            }
        }
    }
}
