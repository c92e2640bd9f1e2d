package com.fieldops.command.xero;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * One event of a Xero webhook delivery, as Xero names its fields. Fields Xero adds (e.g. {@code data}) are
 * ignored: the delivery is Xero's, refusing it for more fields would make Xero retry it for a day.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record XeroWebhookEvent(String resourceUrl, String resourceId, String eventDateUtc, String eventType,
                               String eventCategory, String tenantId, String tenantType) {

    /** CONTACT, INVOICE, ...: Xero's documentation writes them in capitals, but does not promise it. */
    public String category() {
        return eventCategory == null ? null : eventCategory.toUpperCase(Locale.ROOT);
    }

    public String type() {
        return eventType == null ? null : eventType.toUpperCase(Locale.ROOT);
    }

    /**
     * The event's identity (tenant, resource, time, category and type): Xero retries a delivery it thinks failed,
     * and the same event must then be queued once.
     */
    public String key() {
        String identity = String.join("|", tenantId, String.valueOf(resourceId), String.valueOf(eventDateUtc),
                category(), type());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(identity.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
