package com.fieldops.xero.connection;

/** What a call to the Xero API needs: the tenant (xero-tenant-id) and a current access token. */
public record XeroAccess(String tenantId, String accessToken) {

    @Override
    public String toString() {
        return "XeroAccess[tenantId=" + tenantId + ", accessToken=<secret>]";
    }
}
