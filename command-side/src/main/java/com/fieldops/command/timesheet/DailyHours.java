package com.fieldops.command.timesheet;

import com.fieldops.platform.problem.RuleViolation;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The set rule "at most 24 hours per person per day", kept in a lookup table written in the command's transaction.
 * A transaction-scoped advisory lock on (organisation, person, day) serialises entries of the same day.
 */
@Component
public class DailyHours {

    static final BigDecimal MAX_PER_DAY = new BigDecimal("24");

    private final JdbcClient jdbc;

    public DailyHours(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Books the entry's hours on that day, refusing them when the person's day would exceed 24 hours. */
    public void book(UUID orgId, UUID userId, LocalDate day, UUID timesheetId, BigDecimal hours) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))")
                .param(orgId + "/" + userId + "/" + day).query(Object.class).single();
        BigDecimal others = jdbc.sql("""
                        select coalesce(sum(hours), 0) from timesheet_day_hours
                        where org_id = ? and user_id = ? and work_date = ? and timesheet_id <> ?""")
                .params(orgId, userId, day, timesheetId).query(BigDecimal.class).single();
        if (others.add(hours).compareTo(MAX_PER_DAY) > 0) {
            throw RuleViolation.conflict("hours", "at most 24 hours per person per day: " + others.toPlainString()
                    + " h are already logged on " + day);
        }
        jdbc.sql("""
                        insert into timesheet_day_hours (timesheet_id, org_id, user_id, work_date, hours)
                        values (?, ?, ?, ?, ?)
                        on conflict (timesheet_id) do update set work_date = excluded.work_date, hours = excluded.hours""")
                .params(timesheetId, orgId, userId, day, hours).update();
    }
}
