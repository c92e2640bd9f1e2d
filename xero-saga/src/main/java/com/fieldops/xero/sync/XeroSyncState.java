package com.fieldops.xero.sync;

import java.util.UUID;

/**
 * A sync after a command: its id, its status (pending, running, success, partial or error) and {@code version},
 * the sequence number of its last event (what a caller waits for on the read model).
 */
public record XeroSyncState(UUID syncId, XeroSyncType type, String status, long version) {

    public static final String PENDING = "pending";
    public static final String RUNNING = "running";
    public static final String ERROR = "error";
}
