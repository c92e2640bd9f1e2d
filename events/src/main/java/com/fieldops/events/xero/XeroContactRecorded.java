package com.fieldops.events.xero;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fieldops.events.EventType;
import com.fieldops.events.FieldOpsEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A Xero contact as a sync read it, each time something of it changed: as far as invoices need it, its name (what
 * invoices show as {@code contact_name}) and status (ACTIVE, ARCHIVED, GDPRREQUEST), with Xero's UpdatedDateUTC.
 * {@code contact_id} is Xero's ContactID, the {@code contact_id} of the invoices of fieldops.invoice.recorded.v1; the
 * CloudEvent's subject is the XeroContact aggregate's id, a name-based UUID of the organisation and that ContactID.
 * {@code sync_id} names the sync that brought it, when there was one.
 */
@EventType("fieldops.xero-contact.recorded.v1")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record XeroContactRecorded(UUID orgId, UUID contactId, String name, String status, Instant xeroUpdatedAt,
                                  UUID syncId) implements FieldOpsEvent {

    /** The same contact as brought by another sync: two records are the same state when only this differs. */
    public XeroContactRecorded withSyncId(UUID otherSync) {
        return new XeroContactRecorded(orgId, contactId, name, status, xeroUpdatedAt, otherSync);
    }
}
