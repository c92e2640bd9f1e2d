package com.fieldops.xero.connection;

import java.util.Arrays;
import java.util.Optional;

/** How the organisation connected: a custom connection (client credentials) or the standard app (authorization code). */
public enum XeroGrant {
    CLIENT_CREDENTIALS, AUTHORIZATION_CODE;

    /** The OAuth 2.0 name, as the API and the table spell it. */
    public String oauthName() {
        return name().toLowerCase();
    }

    public static Optional<XeroGrant> fromOauthName(String name) {
        return Arrays.stream(values()).filter(grant -> grant.oauthName().equals(name)).findFirst();
    }
}
