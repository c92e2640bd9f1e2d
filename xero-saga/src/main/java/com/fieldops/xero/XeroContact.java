package com.fieldops.xero;

import java.time.Instant;
import java.util.UUID;

/** A contact as invoices need it: its name (unique among active contacts) and status (ACTIVE, ARCHIVED...). */
public record XeroContact(UUID contactId, String name, String status, Instant updatedAt) {
}
