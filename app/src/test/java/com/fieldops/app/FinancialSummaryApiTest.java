package com.fieldops.app;

import static com.fieldops.app.ActivityTypeApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fieldops.platform.security.AppRole;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/**
 * The financial summary of a Pacific/Auckland organisation around its midnight at the turn of a month: at 00:30 on
 * 1 February there (11:30 UTC on 31 January) an invoice due on 31 January is overdue and February's revenue is that of
 * 1 February; half an hour before midnight, still January there, the same invoice is merely sent and January's
 * revenue and target count. Invoices come as the sync will send them (commands shaped like Xero's GET /Invoices),
 * timesheets through the API.
 */
@FieldOpsTest
class FinancialSummaryApiTest {

    private static final ZoneId AUCKLAND = ZoneId.of("Pacific/Auckland");
    /** 00:30 on 1 February 2026 in Auckland (UTC+13), still 31 January in UTC. */
    private static final Instant FEBRUARY_FIRST = Instant.parse("2026-01-31T11:30:00Z");
    /** 23:30 on 31 January 2026 in Auckland. */
    private static final Instant JANUARY_LAST = Instant.parse("2026-01-31T10:30:00Z");
    /** 00:30 on 1 March 2026 in Auckland. */
    private static final Instant MARCH_FIRST = Instant.parse("2026-02-28T11:30:00Z");

    @Autowired
    TestRestTemplate rest;
    @Autowired
    CommandGateway commands;
    @Autowired
    TestClock clock;

    private final UUID org = UUID.randomUUID();
    private final UUID team = UUID.randomUUID();
    private final Api.User admin = Api.user(org, AppRole.ADMIN, "Ada");
    private final Api.User analyst = Api.user(org, AppRole.ANALYST, "Ann");
    private final Api.User manager = new Api.User(UUID.randomUUID(), org, AppRole.MANAGER, team, "Max");
    private final Api.User tech = new Api.User(UUID.randomUUID(), org, AppRole.TECHNICIAN, team, "Jane");

    @AfterEach
    void systemTime() {
        clock.reset();
    }

    @Test
    void countsInvoicesByDerivedStatusAndMeasuresRevenueAgainstTheTargetInTheOrganisationsMonth() {
        Api api = new Api(rest);
        assertThat(api.put(admin, "/api/organization/settings", Map.of("timezone", "Pacific/Auckland"))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        recordInvoices();
        logTime(api);
        assertThat(api.put(admin, "/api/financials/targets/2026-02", Map.of("amount", 8400)).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(api.put(admin, "/api/financials/targets/2026-01", Map.of("amount", 310)).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        // 1 February, 00:30 in Auckland: due 31 January is overdue, due today is not; February has 1 day of 28
        clock.set(FEBRUARY_FIRST);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertInvoices(api.get(admin, "/api/financials/summary").getBody(), 2, 2, 2, 2));
        JsonNode february = api.get(admin, "/api/financials/summary").getBody();
        // 286.50 against 8400 × 1/28 = 300: at least 80 % of the pace
        assertRevenue(february, "286.50", "8400.00", "warning", 3);
        assertThat(february.get("date").asText()).isEqualTo("2026-02-01");
        assertThat(february.get("timezone").asText()).isEqualTo("Pacific/Auckland");
        assertThat(february.get("asOf").asText()).isEqualTo("2026-01-31T11:30:00Z");
        assertThat(api.getText(admin, "/api/financials/summary")).as("money keeps its cents")
                .contains("\"mtd\":286.50", "\"target\":8400.00");
        for (Api.User reader : List.of(manager, analyst)) {
            assertThat(api.get(reader, "/api/financials/summary").getBody()).as(reader.role().name())
                    .isEqualTo(february);
        }

        assertThat(api.put(admin, "/api/financials/targets/2026-02", Map.of("amount", 20000)).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        // 286.50 against 20000 / 28 = 714.29: below 80 % of it
        assertRevenue(api.get(admin, "/api/financials/summary").getBody(), "286.50", "20000.00", "behind", 1);

        // 31 January, 23:30 in Auckland: the invoice due today is sent, January's revenue meets its whole target
        clock.set(JANUARY_LAST);
        JsonNode january = api.get(admin, "/api/financials/summary").getBody();
        assertInvoices(january, 2, 3, 2, 1);
        assertRevenue(january, "382.00", "310.00", "on_track", 123);
        assertThat(january.get("date").asText()).isEqualTo("2026-01-31");

        // 1 March: no target, no revenue yet, and what was due on 1 February is overdue too
        clock.set(MARCH_FIRST);
        JsonNode march = api.get(admin, "/api/financials/summary").getBody();
        assertRevenue(march, "0.00", null, "no_target", null);
        assertInvoices(march, 2, 1, 2, 3);
    }

    @Test
    void techniciansAndStrangersSeeNoFinancials() {
        Api api = new Api(rest);
        assertProblem(api.get(tech, "/api/financials/summary"), HttpStatus.FORBIDDEN);
        assertProblem(api.get(null, "/api/financials/summary"), HttpStatus.UNAUTHORIZED);
        recordInvoices();
        Api.User stranger = Api.user(UUID.randomUUID(), AppRole.ADMIN, "Eve");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.get(admin, "/api/financials/summary").getBody().get("invoices").get("paid").asLong())
                        .isEqualTo(2));
        JsonNode nothing = api.get(stranger, "/api/financials/summary").getBody();
        assertInvoices(nothing, 0, 0, 0, 0);
        assertRevenue(nothing, "0.00", null, "no_target", null);
    }

    /**
     * Xero's example (VOIDED, PAID, AUTHORISED due in 2018) and invoices around 1 February 2026: due on 31 January
     * and on 1 February, one with nothing left to pay, a draft, a submitted one, a deleted one, a bill (ACCPAY) and
     * an invoice paid after it was sent, whose older state arrives late. At 1 February in Auckland: draft 2, sent 2,
     * paid 2, overdue 2.
     */
    private void recordInvoices() {
        UUID sync = UUID.randomUUID();
        ObjectNode template = XeroInvoices.example("INV-0003");
        List<ObjectNode> invoices = new ArrayList<>(XeroInvoices.example());
        invoices.add(XeroInvoices.like(template, "INV-0101", "AUTHORISED", LocalDate.of(2026, 1, 31), "115.00"));
        invoices.add(XeroInvoices.like(template, "INV-0102", "AUTHORISED", LocalDate.of(2026, 2, 1), "115.00"));
        invoices.add(XeroInvoices.like(template, "INV-0103", "AUTHORISED", LocalDate.of(2026, 1, 2), "0.00"));
        invoices.add(XeroInvoices.like(template, "INV-0104", "DRAFT", LocalDate.of(2026, 1, 2), "115.00"));
        invoices.add(XeroInvoices.like(template, "INV-0105", "SUBMITTED", LocalDate.of(2026, 1, 2), "115.00"));
        invoices.add(XeroInvoices.like(template, "INV-0106", "DELETED", LocalDate.of(2026, 1, 2), "115.00"));
        ObjectNode bill = XeroInvoices.like(template, "BILL-1", "AUTHORISED", LocalDate.of(2026, 1, 2), "115.00");
        invoices.add(bill.put("Type", "ACCPAY"));
        invoices.forEach(invoice -> commands.sendAndWait(XeroInvoices.command(org, invoice, sync)));

        ObjectNode sent = XeroInvoices.like(template, "INV-0107", "AUTHORISED", LocalDate.of(2026, 1, 2), "115.00");
        ObjectNode paid = sent.deepCopy().put("Status", "PAID").put("AmountDue", 0).put("AmountPaid", 115)
                .put("UpdatedDateUTC", XeroInvoices.xeroDate(XeroInvoices.instant(sent.get("UpdatedDateUTC"))
                        .plusSeconds(3600)));
        commands.sendAndWait(XeroInvoices.command(org, paid, sync));
        commands.sendAndWait(XeroInvoices.command(org, sent, UUID.randomUUID()));
    }

    /**
     * At 95.50 an hour: on 1 February 2 h submitted and 1 h approved (286.50), a draft and a rejected entry that count
     * for nothing; on 31 January 4 h submitted (382.00); on 2 February 1 h, after "today".
     */
    private void logTime(Api api) {
        String type = api.post(admin, "/api/activity-types", Map.of("name", "Electrical", "hourly_rate", 95.5))
                .getBody().get("id").asText();
        LocalDate february = LocalDate.of(2026, 2, 1);
        submit(api, api.logTimesheet(tech, type, february, "2"));
        String approved = api.logTimesheet(tech, type, february, "1");
        submit(api, approved);
        assertThat(api.post(manager, "/api/timesheets/" + approved + "/approve", null).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        api.logTimesheet(tech, type, february, "3");
        String rejected = api.logTimesheet(tech, type, february, "1.5");
        submit(api, rejected);
        assertThat(api.post(manager, "/api/timesheets/" + rejected + "/reject", Map.of("reason", "wrong job"))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        submit(api, api.logTimesheet(tech, type, february.minusDays(1), "4"));
        submit(api, api.logTimesheet(tech, type, february.plusDays(1), "1"));
    }

    private void submit(Api api, String timesheet) {
        assertThat(api.post(tech, "/api/timesheets/" + timesheet + "/submit", null).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    private static void assertInvoices(JsonNode summary, long draft, long sent, long paid, long overdue) {
        JsonNode invoices = summary.get("invoices");
        assertThat(List.of(invoices.get("draft").asLong(), invoices.get("sent").asLong(), invoices.get("paid").asLong(),
                invoices.get("overdue").asLong())).as(summary.toString()).containsExactly(draft, sent, paid, overdue);
    }

    private static void assertRevenue(JsonNode summary, String mtd, String target, String status, Integer percent) {
        JsonNode revenue = summary.get("revenue");
        assertThat(revenue.get("mtd").decimalValue()).as(summary.toString()).isEqualByComparingTo(mtd);
        if (target == null) {
            assertThat(revenue.get("target").isNull()).as(summary.toString()).isTrue();
            assertThat(summary.get("revenuePercent").isNull()).as(summary.toString()).isTrue();
        } else {
            assertThat(revenue.get("target").decimalValue()).as(summary.toString()).isEqualByComparingTo(target);
            assertThat(summary.get("revenuePercent").asInt()).as(summary.toString()).isEqualTo(percent);
        }
        assertThat(revenue.get("status").asText()).as(summary.toString()).isEqualTo(status);
    }
}
