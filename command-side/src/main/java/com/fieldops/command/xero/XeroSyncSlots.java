package com.fieldops.command.xero;

import com.fieldops.xero.sync.XeroSyncType;
import java.util.Optional;
import java.util.UUID;

/** At most one pending or running sync per organisation and type: the slot its request claims. */
public interface XeroSyncSlots {

    /**
     * Claims the slot of {@code orgId} and {@code type} for {@code syncId}, in the caller's transaction (concurrent
     * claims wait for each other); answers the sync that holds it already, if any.
     */
    Optional<UUID> claim(UUID orgId, XeroSyncType type, UUID syncId);

    /** The sync finished: its slot is free for the next request. */
    void release(UUID syncId);
}
