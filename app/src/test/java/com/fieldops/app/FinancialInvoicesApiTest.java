package com.fieldops.app;

import static com.fieldops.app.ActivityTypeApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fieldops.command.financials.RecordXeroInvoice;
import com.fieldops.platform.security.AppRole;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/**
 * The invoice lists of a Pacific/Auckland organisation at 00:30 on 1 February 2026 there: each derived status in its
 * order (sent and overdue by due date, oldest first; draft, paid and all newest first), paged, for the roles that
 * see financials and never for another organisation.
 */
@FieldOpsTest
class FinancialInvoicesApiTest {

    /** 00:30 on 1 February 2026 in Auckland (UTC+13), still 31 January in UTC. */
    private static final Instant FEBRUARY_FIRST = Instant.parse("2026-01-31T11:30:00Z");

    @Autowired
    TestRestTemplate rest;
    @Autowired
    CommandGateway commands;
    @Autowired
    TestClock clock;

    private final UUID org = UUID.randomUUID();
    private final Api.User admin = Api.user(org, AppRole.ADMIN, "Ada");
    private Api api;

    @BeforeEach
    void invoices() {
        api = new Api(rest);
        assertThat(api.put(admin, "/api/organization/settings", Map.of("timezone", "Pacific/Auckland"))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        clock.set(FEBRUARY_FIRST);
        ObjectNode template = XeroInvoices.example("INV-0003");
        UUID sync = UUID.randomUUID();
        XeroInvoices.example().forEach(invoice -> record(invoice, sync)); // INV-0001 voided, INV-0002 paid
        record(XeroInvoices.like(template, "OVERDUE-2", "AUTHORISED", LocalDate.of(2026, 1, 15), "115.00"), sync);
        record(XeroInvoices.like(template, "OVERDUE-3", "AUTHORISED", LocalDate.of(2026, 1, 31), "15.00"), sync);
        record(XeroInvoices.like(template, "SENT-1", "AUTHORISED", LocalDate.of(2026, 2, 1), "115.00"), sync);
        record(XeroInvoices.like(template, "SENT-2", "AUTHORISED", LocalDate.of(2026, 3, 1), "115.00"), sync);
        ObjectNode undated = XeroInvoices.like(template, "SENT-3", "AUTHORISED", LocalDate.of(2026, 3, 1), "115.00");
        undated.remove("DueDate");
        record(undated, sync);
        record(XeroInvoices.like(template, "DRAFT-1", "DRAFT", LocalDate.of(2026, 2, 20), "115.00")
                .put("Date", XeroInvoices.xeroDate(LocalDate.of(2026, 1, 20))), sync);
        record(XeroInvoices.like(template, "DRAFT-2", "SUBMITTED", LocalDate.of(2026, 2, 25), "115.00")
                .put("Date", XeroInvoices.xeroDate(LocalDate.of(2026, 1, 25))), sync);
        record(XeroInvoices.like(template, "BILL-1", "AUTHORISED", LocalDate.of(2026, 1, 2), "115.00")
                .put("Type", "ACCPAY"), sync);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(numbers(api.get(admin, "/api/financials/invoices?limit=100"))).hasSize(9));
    }

    @AfterEach
    void systemTime() {
        clock.reset();
    }

    private void record(JsonNode invoice, UUID sync) {
        commands.sendAndWait(XeroInvoices.command(org, invoice, sync));
    }

    @Test
    void eachStatusInItsOrder() {
        assertThat(numbers(api.get(admin, "/api/financials/invoices?status=overdue")))
                .containsExactly("INV-0003", "OVERDUE-2", "OVERDUE-3");
        assertThat(numbers(api.get(admin, "/api/financials/invoices?status=sent")))
                .containsExactly("SENT-1", "SENT-2", "SENT-3");
        assertThat(numbers(api.get(admin, "/api/financials/invoices?status=draft")))
                .containsExactly("DRAFT-2", "DRAFT-1");
        assertThat(numbers(api.get(admin, "/api/financials/invoices?status=paid"))).containsExactly("INV-0002");
        assertThat(numbers(api.get(admin, "/api/financials/invoices"))).as("newest first, default limit 10")
                .hasSize(9).startsWith("DRAFT-2", "DRAFT-1").endsWith("INV-0002")
                .doesNotContain("INV-0001", "BILL-1");
    }

    @Test
    void aRowIsTheInvoiceWithItsDerivedAndXeroStatus() {
        JsonNode rows = api.get(admin, "/api/financials/invoices?status=overdue&limit=1").getBody();
        assertThat(rows).hasSize(1);
        JsonNode row = rows.get(0);
        UUID xeroId = UUID.fromString("7ef31b20-de17-4312-8382-412f869b1510");
        assertThat(row.get("id").asText()).isEqualTo(RecordXeroInvoice.idOf(org, xeroId).toString());
        assertThat(row.get("xero_invoice_id").asText()).isEqualTo(xeroId.toString());
        assertThat(row.get("invoice_number").asText()).isEqualTo("INV-0003");
        assertThat(row.get("contact_name").asText()).isEqualTo("Barney Rubble-83203");
        assertThat(row.get("status").asText()).isEqualTo("overdue");
        assertThat(row.get("xero_status").asText()).isEqualTo("AUTHORISED");
        assertThat(row.get("date").asText()).isEqualTo("2018-11-02");
        assertThat(row.get("due_date").asText()).isEqualTo("2018-11-07");
        assertThat(row.get("total").decimalValue()).isEqualByComparingTo("115.00");
        assertThat(row.get("amount_due").decimalValue()).isEqualByComparingTo("115.00");
        assertThat(row.get("amount_paid").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(api.getText(admin, "/api/financials/invoices?status=overdue&limit=1")).as("money keeps its cents")
                .contains("\"total\":115.00", "\"amount_due\":115.00", "\"amount_paid\":0.00");
        assertThat(row.get("currency").asText()).isEqualTo("NZD");
        assertThat(row.get("updated_at").asText()).isEqualTo("2018-11-02T16:37:28.927Z");
        assertThat(api.get(admin, "/api/financials/invoices?status=sent").getBody().get(2).get("due_date").isNull())
                .isTrue();
    }

    @Test
    void pagesAreCappedNotRefusedAndBadParametersAreProblems() {
        assertThat(numbers(api.get(admin, "/api/financials/invoices?status=overdue&limit=2")))
                .containsExactly("INV-0003", "OVERDUE-2");
        assertThat(numbers(api.get(admin, "/api/financials/invoices?status=overdue&limit=2&offset=2")))
                .containsExactly("OVERDUE-3");
        assertThat(numbers(api.get(admin, "/api/financials/invoices?status=overdue&limit=1000"))).hasSize(3);
        assertThat(numbers(api.get(admin, "/api/financials/invoices?limit=5&offset=5"))).hasSize(4);
        for (String bad : List.of("status=open", "status=OVERDUE", "limit=0", "offset=-1", "limit=ten")) {
            assertProblem(api.get(admin, "/api/financials/invoices?" + bad), HttpStatus.BAD_REQUEST);
        }
    }

    @Test
    void managersAndAnalystsSeeTheOrganisationsInvoicesTechniciansAndOtherOrganisationsNone() {
        JsonNode all = api.get(admin, "/api/financials/invoices").getBody();
        for (AppRole role : List.of(AppRole.MANAGER, AppRole.ANALYST)) {
            Api.User reader = new Api.User(UUID.randomUUID(), org, role, UUID.randomUUID(), "Reader");
            assertThat(api.get(reader, "/api/financials/invoices").getBody()).as(role.name()).isEqualTo(all);
        }
        assertProblem(api.get(new Api.User(UUID.randomUUID(), org, AppRole.TECHNICIAN, null, "Jane"),
                "/api/financials/invoices"), HttpStatus.FORBIDDEN);
        assertProblem(api.get(null, "/api/financials/invoices"), HttpStatus.UNAUTHORIZED);
        Api.User stranger = Api.user(UUID.randomUUID(), AppRole.ADMIN, "Eve");
        for (String status : List.of("", "?status=draft", "?status=sent", "?status=paid", "?status=overdue")) {
            assertThat(api.get(stranger, "/api/financials/invoices" + status).getBody()).as(status).isEmpty();
        }
    }

    private static List<String> numbers(org.springframework.http.ResponseEntity<JsonNode> response) {
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.OK);
        return StreamSupport.stream(response.getBody().spliterator(), false)
                .map(row -> row.get("invoice_number").asText()).toList();
    }
}
