package com.fieldops.command.financials;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records a Xero contact as a sync read it, as far as invoices need it: its name and status, and Xero's
 * UpdatedDateUTC as an instant. The {@link XeroContact} it goes to is named by the organisation and Xero's ContactID,
 * so the same Xero contact always lands on the same aggregate; it records an event only when something changed and
 * never goes back to an older state.
 *
 * @param contactId Xero's ContactID (the contact id invoices carry)
 * @param status    ACTIVE, ARCHIVED or GDPRREQUEST; null when Xero did not say
 * @param syncId    the sync that read it; null when none
 */
public record RecordXeroContact(UUID orgId, UUID contactId, String name, String status, Instant xeroUpdatedAt,
                                UUID syncId) {

    public RecordXeroContact {
        Objects.requireNonNull(orgId, "org_id");
        Objects.requireNonNull(contactId, "contact_id");
    }

    @TargetAggregateIdentifier
    public UUID id() {
        return idOf(orgId, contactId);
    }

    /** A name-based (version 3) UUID of the organisation and Xero's ContactID: stable across syncs and processes. */
    public static UUID idOf(UUID orgId, UUID contactId) {
        return UUID.nameUUIDFromBytes(("xero-contact:" + orgId + ":" + contactId).getBytes(StandardCharsets.UTF_8));
    }
}
