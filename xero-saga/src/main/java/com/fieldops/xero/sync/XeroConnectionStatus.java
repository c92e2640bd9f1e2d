package com.fieldops.xero.sync;

import java.util.UUID;

/** Whether an organisation is connected to Xero now: a cheap look before work that only a connection makes sense of. */
public interface XeroConnectionStatus {

    boolean connected(UUID orgId);
}
