package com.fieldops.xero.sync;

/**
 * Full reads every record of the type (the periodic pass: not every Xero change moves UpdatedDateUTC, and only a
 * full pass can tell that a record is gone); incremental only those changed since the last sync (If-Modified-Since).
 */
public enum XeroSyncMode {
    FULL, INCREMENTAL;

    public String label() {
        return name().toLowerCase();
    }
}
