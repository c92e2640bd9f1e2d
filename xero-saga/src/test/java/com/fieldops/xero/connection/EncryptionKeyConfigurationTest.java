package com.fieldops.xero.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptionKeyConfigurationTest {

    final EncryptionKeyConfiguration configuration = new EncryptionKeyConfiguration();

    @Test
    void outsideEmbeddedModeAMissingKeyStopsTheStart(@TempDir Path dataDir) {
        assertThatThrownBy(() -> configuration.secretCipher("", false, dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("FIELDOPS_ENCRYPTION_KEY").hasMessageContaining("must be set");
    }

    @Test
    void embeddedModeGeneratesAKeyOnceAndKeepsIt(@TempDir Path dataDir) throws Exception {
        SecretCipher first = configuration.secretCipher("", true, dataDir);
        byte[] sealed = first.encrypt("token", "context");

        SecretCipher afterRestart = configuration.secretCipher("", true, dataDir);

        assertThat(afterRestart.decrypt(sealed, "context")).isEqualTo("token");
        assertThat(Files.readString(dataDir.resolve(EncryptionKeyConfiguration.KEY_FILE))).isNotBlank();
    }
}
