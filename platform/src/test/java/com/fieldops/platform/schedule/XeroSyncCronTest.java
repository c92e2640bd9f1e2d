package com.fieldops.platform.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The cron is read in the organisation's timezone, daylight saving included. */
class XeroSyncCronTest {

    private final XeroSyncCron daily = new XeroSyncCron("0 0 2 * * *");

    @Test
    void twoAmInAucklandIsTheNextRunAfterAFixedMoment() {
        ZoneId auckland = ZoneId.of("Pacific/Auckland");
        // 14:30 UTC on 23 January is 03:30 on the 24th in Auckland (NZDT, +13): 2 am has passed there
        assertThat(daily.nextAfter(Instant.parse("2026-01-23T14:30:00Z"), auckland))
                .isEqualTo(Instant.parse("2026-01-24T13:00:00Z"));
        // 12:59 UTC is 01:59 on the 24th there: 2 am is a minute away
        assertThat(daily.nextAfter(Instant.parse("2026-01-23T12:59:00Z"), auckland))
                .isEqualTo(Instant.parse("2026-01-23T13:00:00Z"));
        // in July Auckland is on NZST (+12)
        assertThat(daily.nextAfter(Instant.parse("2026-07-01T00:00:00Z"), auckland))
                .isEqualTo(Instant.parse("2026-07-01T14:00:00Z"));
        assertThat(daily.nextAfter(Instant.parse("2026-01-23T14:30:00Z"), ZoneId.of("UTC")))
                .isEqualTo(Instant.parse("2026-01-24T02:00:00Z"));
    }

    @Test
    void aRunAtItsOwnMomentIsNotDueAgain() {
        assertThat(daily.nextAfter(Instant.parse("2026-01-24T02:00:00Z"), ZoneId.of("UTC")))
                .isEqualTo(Instant.parse("2026-01-25T02:00:00Z"));
    }

    @Test
    void aDayWithoutTwoAmRunsWhenTheClockJumpsPastIt() {
        // Europe/Berlin skips 02:00-03:00 on 29 March 2026: that day's run is at 03:00 (CEST, +2), not skipped
        assertThat(daily.nextAfter(Instant.parse("2026-03-28T12:00:00Z"), ZoneId.of("Europe/Berlin")))
                .isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
    }

    @Test
    void anHourThatRepeatsRunsOnce() {
        XeroSyncCron halfPastTwo = new XeroSyncCron("0 30 2 * * *");
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        // 25 October 2026: 02:00-03:00 happens twice in Berlin, first at +2 (00:30Z), then at +1 (01:30Z)
        assertThat(halfPastTwo.nextAfter(Instant.parse("2026-10-24T12:00:00Z"), berlin))
                .isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
        assertThat(halfPastTwo.nextAfter(Instant.parse("2026-10-25T00:30:00Z"), berlin))
                .isEqualTo(Instant.parse("2026-10-26T01:30:00Z"));
        assertThat(halfPastTwo.nextAfter(Instant.parse("2026-10-25T01:10:00Z"), berlin))
                .as("in the second pass of the hour").isEqualTo(Instant.parse("2026-10-26T01:30:00Z"));
    }

    @Test
    void aMalformedExpressionStopsTheStart() {
        assertThatThrownBy(() -> new XeroSyncCron("every night")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FIELDOPS_XERO_SYNC_CRON");
    }
}
