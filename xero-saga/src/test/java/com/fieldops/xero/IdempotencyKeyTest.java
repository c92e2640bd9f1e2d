package com.fieldops.xero;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {

    @Test
    void derivedFromTheCauseAndTheBatchSoARetryCarriesTheSameKey() {
        UUID event = UUID.fromString("0b7f3c2e-4d1a-4c7e-9a55-3e1f2b8c9d01");
        assertThat(IdempotencyKey.of(event, 2)).isEqualTo(IdempotencyKey.of(event, 2));
        assertThat(IdempotencyKey.of(event, 2).value()).isEqualTo("fieldops-0b7f3c2e-4d1a-4c7e-9a55-3e1f2b8c9d01-2");
        assertThat(IdempotencyKey.of(event, 2)).isNotEqualTo(IdempotencyKey.of(event, 3));
    }

    @Test
    void xeroTakesAtMost128Characters() {
        assertThatThrownBy(() -> new IdempotencyKey("k".repeat(129))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IdempotencyKey(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new IdempotencyKey("k".repeat(128)).value()).hasSize(128);
    }
}
