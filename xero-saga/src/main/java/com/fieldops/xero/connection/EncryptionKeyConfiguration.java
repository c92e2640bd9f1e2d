package com.fieldops.xero.connection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The key for secrets at rest. FIELDOPS_ENCRYPTION_KEY when set; in embedded mode without it, a key generated once and
 * kept beside the embedded data (so a restart can still read the stored tokens); otherwise the start stops.
 */
@Configuration
class EncryptionKeyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EncryptionKeyConfiguration.class);
    static final String KEY_FILE = "encryption.key";

    @Bean
    SecretCipher secretCipher(@Value("${fieldops.encryption-key:}") String key,
                              @Value("${fieldops.embedded.active:false}") boolean embedded,
                              @Value("${fieldops.data-dir:./.fieldops}") Path dataDir) {
        if (StringUtils.hasText(key)) return SecretCipher.fromBase64(key);
        if (!embedded) {
            throw new IllegalStateException("FIELDOPS_ENCRYPTION_KEY (base64 of 32 bytes: openssl rand -base64 32) "
                    + "must be set outside embedded mode");
        }
        return SecretCipher.fromBase64(embeddedKey(dataDir.resolve(KEY_FILE)));
    }

    private static String embeddedKey(Path file) {
        try {
            if (Files.exists(file)) return Files.readString(file);
            byte[] random = new byte[SecretCipher.KEY_BYTES];
            new SecureRandom().nextBytes(random);
            String key = Base64.getEncoder().encodeToString(random);
            Files.createDirectories(file.getParent());
            Files.writeString(Files.createFile(file, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------"))), key);
            log.warn("FIELDOPS_ENCRYPTION_KEY is not set: embedded mode generated one in {}", file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the embedded encryption key in " + file, e);
        }
    }
}
