package com.fieldops.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeaderFirewallTest {

    @Test
    void acceptsPrintableAsciiAndAssignedUnicode() {
        assertThat(HeaderFirewall.assignedAndNotControl("Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc-_~+/=")).isTrue();
        assertThat(HeaderFirewall.assignedAndNotControl("")).isTrue();
        assertThat(HeaderFirewall.assignedAndNotControl("Zoë Ñandú")).isTrue();
    }

    @Test
    void refusesControlCharactersAndUnassignedCodePoints() {
        assertThat(HeaderFirewall.assignedAndNotControl("value\r\nInjected: yes")).isFalse();
        assertThat(HeaderFirewall.assignedAndNotControl("tab\there")).isFalse();
        assertThat(HeaderFirewall.assignedAndNotControl("del\u007f")).isFalse();
        assertThat(HeaderFirewall.assignedAndNotControl("unassigned\u0378")).isFalse();
    }
}
