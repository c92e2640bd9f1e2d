package com.fieldops.xero.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    final SecretCipher cipher = SecretCipher.fromBase64(KEY);

    @Test
    void sealsWithAFreshNonceAndOpensWithTheSameContext() {
        byte[] once = cipher.encrypt("refresh-token-value", "xero_connection.refresh_token:org-1");
        byte[] twice = cipher.encrypt("refresh-token-value", "xero_connection.refresh_token:org-1");

        assertThat(once).isNotEqualTo(twice);
        assertThat(new String(once, StandardCharsets.ISO_8859_1)).doesNotContain("refresh-token-value");
        assertThat(cipher.decrypt(once, "xero_connection.refresh_token:org-1")).isEqualTo("refresh-token-value");
        assertThat(cipher.decrypt(twice, "xero_connection.refresh_token:org-1")).isEqualTo("refresh-token-value");
    }

    @Test
    void anotherRowColumnOrKeyCannotOpenIt() {
        byte[] sealed = cipher.encrypt("secret", "xero_connection.client_secret:org-1");

        assertThatThrownBy(() -> cipher.decrypt(sealed, "xero_connection.client_secret:org-2"))
                .isInstanceOf(SecretCipher.UndecryptableSecret.class);
        assertThatThrownBy(() -> cipher.decrypt(sealed, "xero_connection.access_token:org-1"))
                .isInstanceOf(SecretCipher.UndecryptableSecret.class);
        SecretCipher otherKey = new SecretCipher("fedcba9876543210fedcba9876543210".getBytes());
        assertThatThrownBy(() -> otherKey.decrypt(sealed, "xero_connection.client_secret:org-1"))
                .isInstanceOf(SecretCipher.UndecryptableSecret.class);
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(sealed, "xero_connection.client_secret:org-1"))
                .isInstanceOf(SecretCipher.UndecryptableSecret.class);
    }

    @Test
    void aKeyIsBase64OfExactly32Bytes() {
        assertThatThrownBy(() -> SecretCipher.fromBase64("not base64!"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("FIELDOPS_ENCRYPTION_KEY");
        assertThatThrownBy(() -> SecretCipher.fromBase64(Base64.getEncoder().encodeToString(new byte[16])))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("32 bytes");
    }
}
