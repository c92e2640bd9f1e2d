package com.fieldops.xero.sync;

import java.util.Optional;
import java.util.UUID;

/** Which organisation a Xero tenant (the {@code tenantId} of a webhook event) belongs to: its connection's. */
public interface XeroTenantDirectory {

    Optional<UUID> organizationOf(String tenantId);
}
