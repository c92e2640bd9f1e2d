package com.fieldops.command.financials;

/** The target after a command; {@code version} is the sequence number of its last event. */
public record RevenueTargetResult(RevenueTargetResource target, long version) {
}
