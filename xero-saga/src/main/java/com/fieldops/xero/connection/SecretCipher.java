package com.fieldops.xero.connection;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for secrets at rest (FIELDOPS_ENCRYPTION_KEY). Each value gets a random 96-bit nonce, stored in front of
 * the ciphertext. The context (e.g. organisation and column) is authenticated as associated data, so a ciphertext
 * copied into another row or column does not decrypt.
 */
public final class SecretCipher {

    public static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException("FIELDOPS_ENCRYPTION_KEY must be base64 of exactly " + KEY_BYTES
                    + " bytes (openssl rand -base64 32), not " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    public static SecretCipher fromBase64(String key) {
        try {
            return new SecretCipher(Base64.getDecoder().decode(key.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("FIELDOPS_ENCRYPTION_KEY is not base64 (openssl rand -base64 32)");
        }
    }

    public byte[] encrypt(String plain, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, context);
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The plain text; {@link UndecryptableSecret} when the key or context is not the one it was sealed with. */
    public String decrypt(byte[] sealed, String context) {
        if (sealed.length <= NONCE_BYTES) throw new UndecryptableSecret();
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(sealed, NONCE_BYTES), context);
            return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES),
                    StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new UndecryptableSecret();
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** A stored secret that this key cannot open: FIELDOPS_ENCRYPTION_KEY changed, or the value was tampered with. */
    public static class UndecryptableSecret extends RuntimeException {
        UndecryptableSecret() {
            super("a stored Xero secret cannot be decrypted with FIELDOPS_ENCRYPTION_KEY");
        }
    }
}
