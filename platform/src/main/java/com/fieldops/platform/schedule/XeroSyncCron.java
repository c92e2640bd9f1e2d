package com.fieldops.platform.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

/**
 * FIELDOPS_XERO_SYNC_CRON, read in an organisation's own timezone: "0 0 2 * * *" is 2 am wherever the organisation
 * is, daylight saving included. The command side's schedule runs by it and the query side reports its next run,
 * so both use this one reading. A malformed expression stops the start.
 */
@Component
public class XeroSyncCron {

    private final CronExpression cron;

    public XeroSyncCron(@Value("${fieldops.xero.sync-cron:0 0 2 * * *}") String expression) {
        try {
            this.cron = CronExpression.parse(expression);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("FIELDOPS_XERO_SYNC_CRON is not a cron expression (second minute hour "
                    + "day month weekday): " + e.getMessage(), e);
        }
    }

    /**
     * The first run strictly after {@code now} in {@code zone}, as an instant. The cron is read on the local clock: a
     * run that falls in a daylight-saving gap (2 am on the day European clocks go forward) happens when the clock jumps
     * past it, where Spring's zoned reading would skip that day; in an hour that repeats, it runs the first time.
     */
    public Instant nextAfter(Instant now, ZoneId zone) {
        LocalDateTime local = LocalDateTime.ofInstant(now, zone);
        while (true) {
            LocalDateTime next = cron.next(local);
            if (next == null) throw new IllegalStateException("FIELDOPS_XERO_SYNC_CRON never runs again");
            Instant at = ZonedDateTime.ofLocal(next, zone, null).toInstant();
            if (at.isAfter(now)) return at;
            local = next; // the second pass of a repeated hour: that local time has had its run
        }
    }
}
