package com.fieldops.platform.security;

import java.nio.charset.StandardCharsets;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** The HS256 key, as Supabase signs: the UTF-8 bytes of FIELDOPS_JWT_SECRET. */
public record JwtSecret(String value, boolean generated) {

    public static final int MIN_BYTES = 32;

    public JwtSecret {
        if (value.getBytes(StandardCharsets.UTF_8).length < MIN_BYTES) {
            throw new IllegalStateException("FIELDOPS_JWT_SECRET must be at least " + MIN_BYTES + " bytes");
        }
    }

    public SecretKey key() {
        return new SecretKeySpec(value.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }
}
