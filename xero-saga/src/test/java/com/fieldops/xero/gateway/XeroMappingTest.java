package com.fieldops.xero.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class XeroMappingTest {

    @Test
    void moneyIsTheDoublesShortestDecimalRoundedHalfEvenToCents() {
        assertThat(XeroMapping.money(95.5)).isEqualTo(new BigDecimal("95.50"));
        assertThat(XeroMapping.money(0.1 + 0.2)).isEqualTo(new BigDecimal("0.30"));
        assertThat(XeroMapping.money(5000.0)).isEqualTo(new BigDecimal("5000.00"));
        assertThat(XeroMapping.money(2.345)).isEqualTo(new BigDecimal("2.34"));
        assertThat(XeroMapping.money(2.355)).isEqualTo(new BigDecimal("2.36"));
        assertThat(XeroMapping.money(null)).isNull();
    }

    @Test
    void timesCrossBetweenThreetenAndJavaTime() {
        Instant instant = Instant.parse("2024-01-02T03:04:05.123Z");
        assertThat(XeroMapping.instant(XeroMapping.threeten(instant))).isEqualTo(instant);
        assertThat(XeroMapping.threeten(instant).toString()).isEqualTo("2024-01-02T03:04:05.123Z");
        assertThat(XeroMapping.threeten(null)).isNull();
    }
}
