package com.fieldops.xero;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Xero settings of DESIGN §7 ({@code FIELDOPS_XERO_*}, relaxed binding; defaults in fieldops-command-side.yml).
 * Every host is a setting, so the whole flow runs against a fake. Hosts are kept without a trailing slash.
 *
 * @param apiUrl       API host: {@code /api.xro/2.0} and {@code /Connections} are appended
 * @param identityUrl  token host: {@code /connect/token}, {@code /connect/revocation}
 * @param loginUrl     authorize host: {@code /identity/connect/authorize}
 * @param clientId     the standard app's client id (authorization code flow); may be unset
 * @param clientSecret the standard app's client secret
 * @param redirectUri  the page Xero sends the admin back to (the frontend, which forwards code and state)
 * @param timeout      connect and read timeout of every call to Xero
 * @param dailyBudget  calls per tenant per UTC day (Xero: 5,000; cheaper plans have less)
 * @param retryBackoff the first back-off between tries of a call (doubled each time, with jitter)
 */
@ConfigurationProperties("fieldops.xero")
public record XeroSettings(String apiUrl, String identityUrl, String loginUrl, String clientId, String clientSecret,
                           String redirectUri, Duration timeout, int dailyBudget, Duration retryBackoff) {

    public XeroSettings {
        apiUrl = withoutTrailingSlash(apiUrl);
        identityUrl = withoutTrailingSlash(identityUrl);
        loginUrl = withoutTrailingSlash(loginUrl);
    }

    /** Whether the standard app (authorization code flow) is configured. */
    public boolean codeFlowConfigured() {
        return hasText(clientId) && hasText(clientSecret) && hasText(redirectUri);
    }

    private static String withoutTrailingSlash(String url) {
        return url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
