package com.fieldops.xero.sync;

import java.util.Optional;
import java.util.UUID;

/**
 * Which organisation a Xero tenant (the {@code tenantId} of a webhook event) belongs to. The Xero connection
 * table is the real answer; until it serves this, the command side's {@code xero_tenant_org} table does.
 */
public interface XeroTenantDirectory {

    Optional<UUID> organizationOf(String tenantId);
}
