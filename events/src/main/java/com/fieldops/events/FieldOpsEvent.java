package com.fieldops.events;

import java.util.UUID;

/** Every domain event belongs to one organisation. */
public interface FieldOpsEvent {
    UUID orgId();
}
