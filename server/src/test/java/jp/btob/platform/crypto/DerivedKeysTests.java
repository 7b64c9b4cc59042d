package jp.btob.platform.crypto;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import javax.crypto.SecretKey;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Keys derived from the master keys for one purpose: from the settings alone, bound to the salt and the master key. */
class DerivedKeysTests {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String KEY_A = base64();

    private static final String KEY_B = base64();

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("[OPS-LOG] a derived key depends on the master key and the salt, and is never the master key itself")
    void deriveThenBoundToMasterKeyAndSalt() {
        DerivedKeys keys = keys("a:" + KEY_A, List.of("b:" + KEY_B));
        byte[] salt = bytes(32);

        SecretKey first = keys.derive(KeyPurpose.LOG_ARCHIVE, "a", salt);

        assertThat(keys.derive(KeyPurpose.LOG_ARCHIVE, "a", salt.clone()).getEncoded()).isEqualTo(first.getEncoded());
        assertThat(keys.derive(KeyPurpose.LOG_ARCHIVE, "a", bytes(32)).getEncoded()).isNotEqualTo(first.getEncoded());
        assertThat(keys.derive(KeyPurpose.LOG_ARCHIVE, "b", salt).getEncoded()).isNotEqualTo(first.getEncoded());
        assertThat(first.getEncoded()).hasSize(32).isNotEqualTo(Base64.getDecoder().decode(KEY_A));
        assertThat(first.getAlgorithm()).isEqualTo("AES");
        assertThat(keys.currentMasterKeyId()).isEqualTo("a");
    }

    @Test
    @DisplayName("[OPS-LOG] a master-key ID that is not configured is refused with a message naming it and the configured ones")
    void deriveWhenUnknownIdThenNamesIt() {
        DerivedKeys keys = keys("b:" + KEY_B, List.of());

        assertThatThrownBy(() -> keys.derive(KeyPurpose.LOG_ARCHIVE, "a", bytes(32)))
                .isInstanceOf(DecryptionException.class)
                .hasMessageContaining("'a'").hasMessageContaining("[b]").hasMessageContaining("BTOB_PREVIOUS_MASTER_KEYS");
    }

    @Test
    @DisplayName("[OPS-LOG] from the settings without any master key, nothing is generated: a clear error instead")
    void fromSettingsWhenNoKeyThenErrorAndNothingGenerated() {
        assertThatThrownBy(() -> DerivedKeys.fromSettings(new KeyProperties(null, null, null, null, null, null), dataDir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No master key is configured").hasMessageContaining("BTOB_MASTER_KEY");
        assertThat(dataDir.resolve("keys")).doesNotExist();
    }

    @Test
    @DisplayName("[OPS-LOG] from the settings without a master key, the key the platform generated in the data directory is used")
    void fromSettingsWhenGeneratedKeyThenUsed() throws Exception {
        Files.createDirectories(dataDir.resolve("keys"));
        Files.writeString(dataDir.resolve("keys").resolve("master.key"), KEY_A + "\n");

        DerivedKeys keys = DerivedKeys.fromSettings(new KeyProperties(null, null, null, null, null, null), dataDir);

        assertThat(keys.currentMasterKeyId()).isEqualTo(MasterKey.fingerprint(Base64.getDecoder().decode(KEY_A)));
    }

    private DerivedKeys keys(String current, List<String> previous) {
        return DerivedKeys.fromSettings(new KeyProperties(current, previous, null, null, null, null), dataDir);
    }

    private static String base64() {
        return Base64.getEncoder().encodeToString(bytes(32));
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
