package com.fieldops.command.xero;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Xero signs each webhook delivery: {@code x-xero-signature} = base64(HMAC-SHA256(key, raw body)), the key being
 * the UTF-8 bytes of FIELDOPS_XERO_WEBHOOK_KEY as given. Without a key nothing verifies.
 */
@Component
public class XeroWebhookSignature {

    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;

    public XeroWebhookSignature(@Value("${fieldops.xero.webhook-key:}") String key) {
        this.key = key == null || key.isEmpty() ? null : new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), HMAC);
    }

    /** Whether {@code signature} is the key's signature of exactly these bytes; compared in constant time. */
    public boolean verifies(byte[] body, String signature) {
        if (key == null || signature == null || body == null) return false;
        byte[] sent;
        try {
            sent = Base64.getDecoder().decode(signature.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sign(body), sent);
    }

    private byte[] sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
