package com.fieldops.query.financials;

import com.fieldops.platform.security.CurrentUser;
import com.fieldops.query.organization.OrganizationSettingsReadRepository;
import com.fieldops.query.rls.RlsReads;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The organisation's financials, read as the caller through row-level security: sales invoices by the status FieldOps
 * derives ({@link InvoiceStatus}) and revenue against the month's target, "today" and "this month" being the
 * organisation's (its timezone) at the time of the request.
 * <p>
 * Revenue is the dashboard's per-day organisation counter ({@code dashboard_revenue}, scope {@code org}): submitted
 * and approved entries at their snapshot amounts by work date, kept exact in numeric by the dashboard projection.
 * The month to date is the sum of its days from the first to today, so a month is at most 31 rows.
 */
@Component
public class FinancialsReadRepository {

    private static final String COUNTS = Arrays.stream(InvoiceStatus.values())
            .map(status -> "count(*) filter (where " + status.condition() + ") as " + status.label())
            .collect(Collectors.joining(", "));

    private final RlsReads reads;
    private final OrganizationSettingsReadRepository settings;
    private final Clock clock;

    public FinancialsReadRepository(RlsReads reads, OrganizationSettingsReadRepository settings, Clock clock) {
        this.reads = reads;
        this.settings = settings;
        this.clock = clock;
    }

    public FinancialSummary summary(CurrentUser caller) {
        UUID org = caller.orgId();
        return reads.as(caller, db -> {
            ZoneId zone = settings.zoneOf(db, org);
            Instant now = clock.instant();
            LocalDate today = LocalDate.ofInstant(now, zone);
            LocalDate firstOfMonth = today.withDayOfMonth(1);
            FinancialSummary.InvoiceCounts counts = db.sql("select " + COUNTS
                            + " from invoices where org_id = :org and type = 'ACCREC'")
                    .param("org", org).param("today", today)
                    .query((row, n) -> new FinancialSummary.InvoiceCounts(row.getLong("draft"), row.getLong("sent"),
                            row.getLong("paid"), row.getLong("overdue")))
                    .single();
            BigDecimal mtd = db.sql("""
                            select coalesce(sum(revenue), 0) from dashboard_revenue
                            where org_id = :org and scope = 'org' and scope_id = :org
                              and work_date between :first and :today""")
                    .param("org", org).param("first", firstOfMonth).param("today", today)
                    .query(BigDecimal.class).single().setScale(2);
            BigDecimal target = db.sql("select amount from revenue_targets where org_id = :org and month = :month")
                    .param("org", org).param("month", firstOfMonth)
                    .query(BigDecimal.class).optional().orElse(null);
            return new FinancialSummary(counts, FinancialSummary.revenue(mtd, target, today),
                    FinancialSummary.percent(mtd, target), today, zone.getId(), now.truncatedTo(ChronoUnit.MILLIS));
        });
    }

    /** A page of sales invoices of one derived status, or of any when {@code status} is empty. */
    public List<InvoiceResource> invoices(CurrentUser caller, Optional<InvoiceStatus> status, int limit, int offset) {
        UUID org = caller.orgId();
        String condition = status.map(InvoiceStatus::condition).orElse(InvoiceStatus.ANY);
        String order = status.map(InvoiceStatus::order).orElse(InvoiceStatus.ANY_ORDER);
        return reads.as(caller, db -> {
            LocalDate today = LocalDate.ofInstant(clock.instant(), settings.zoneOf(db, org));
            return db.sql("""
                            select id, xero_invoice_id, invoice_number, contact_name, %s as derived_status, status,
                                   date, due_date, total, amount_due, amount_paid, currency, updated_at
                            from invoices
                            where org_id = :org and type = 'ACCREC' and %s
                            order by %s
                            limit :limit offset :offset""".formatted(InvoiceStatus.labelOf(), condition, order))
                    .param("org", org).param("today", today).param("limit", limit).param("offset", offset)
                    .query(FinancialsReadRepository::invoice).list();
        });
    }

    private static InvoiceResource invoice(ResultSet row, int number) throws SQLException {
        return new InvoiceResource(row.getObject("id", UUID.class), row.getObject("xero_invoice_id", UUID.class),
                row.getString("invoice_number"), row.getString("contact_name"), row.getString("derived_status"),
                row.getString("status"), row.getObject("date", LocalDate.class),
                row.getObject("due_date", LocalDate.class), row.getBigDecimal("total"),
                row.getBigDecimal("amount_due"), row.getBigDecimal("amount_paid"), row.getString("currency"),
                row.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
