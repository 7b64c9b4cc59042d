package jp.btob.platform.crypto;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Master-key settings: a wrong one stops start-up with a message that names it. */
class KeyPropertiesTests {

    private static final String KEY = base64(32);

    @TempDir
    Path dir;

    @Test
    @DisplayName("[SEC-ENC] a master key that is not base64 stops start-up, naming btob.keys.master-key and BTOB_MASTER_KEY")
    void masterKeyWhenNotBase64ThenNamesSetting() {
        assertThatThrownBy(() -> properties("k1:not*base64!", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("btob.keys.master-key (BTOB_MASTER_KEY)").hasMessageContaining("not base64");
    }

    @Test
    @DisplayName("[SEC-ENC] a master key of the wrong length (16 or 33 bytes) stops start-up, naming the setting")
    void masterKeyWhenWrongLengthThenNamesSetting() {
        assertThatThrownBy(() -> properties(base64(16), List.of()))
                .hasMessageContaining("btob.keys.master-key").hasMessageContaining("16 bytes");
        assertThatThrownBy(() -> properties("k1:" + base64(33), List.of()))
                .hasMessageContaining("btob.keys.master-key").hasMessageContaining("33 bytes");
        assertThatThrownBy(() -> properties(KEY, List.of("old:" + base64(31))))
                .hasMessageContaining("btob.keys.previous-master-keys (BTOB_PREVIOUS_MASTER_KEYS)");
    }

    @Test
    @DisplayName("[SEC-ENC] two master keys with one ID, or a bad ID, stop start-up")
    void masterKeysWhenDuplicateOrBadIdThenRefused() {
        assertThatThrownBy(() -> properties("k1:" + KEY, List.of("k1:" + base64(32))))
                .hasMessageContaining("name the ID k1 twice");
        assertThatThrownBy(() -> properties("bad id!:" + KEY, List.of()))
                .hasMessageContaining("btob.keys.master-key").hasMessageContaining("ID");
    }

    @Test
    @DisplayName("[SEC-ENC] previous keys without a current one, or both the variable and a key store, stop start-up")
    void whenInconsistentThenRefused() {
        assertThatThrownBy(() -> properties(null, List.of("old:" + KEY)))
                .hasMessageContaining("btob.keys.previous-master-keys").hasMessageContaining("btob.keys.master-key");
        assertThatThrownBy(() -> new KeyProperties(KEY, null, dir.resolve("k.p12"), "pw", null, null))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> new KeyProperties(null, null, dir.resolve("k.p12"), null, null, null))
                .hasMessageContaining("btob.keys.keystore-password");
    }

    @Test
    @DisplayName("[SEC-ENC] current and previous master keys from the environment, with IDs; without an ID one is derived from the key")
    void environmentKeysThenCurrentFirstWithIds() {
        String previous = base64(32);
        MasterKeys keys = MasterKeys.of(properties("2026-05:" + KEY, List.of(previous)).environmentKeys());
        assertThat(keys.current().id()).isEqualTo("2026-05");
        assertThat(keys.current().key().getEncoded()).isEqualTo(Base64.getDecoder().decode(KEY));
        String derived = MasterKey.fingerprint(Base64.getDecoder().decode(previous));
        assertThat(keys.ids()).containsExactlyInAnyOrder("2026-05", derived);
        assertThat(derived).matches("sha256-[0-9a-f]{12}");
    }

    @Test
    @DisplayName("[SEC-ENC] the settings never print a key")
    void toStringThenNoKey() {
        assertThat(properties("k1:" + KEY, List.of()).toString()).doesNotContain(KEY);
        assertThat(MasterKeys.of(properties("k1:" + KEY, List.of()).environmentKeys()).current().toString())
                .doesNotContain(KEY);
    }

    @Test
    @DisplayName("[SEC-ENC] master keys from a PKCS12 key store: each alias an ID, btob.keys.keystore-current the current one")
    void keystoreThenAliasesAreIds() throws Exception {
        Path file = dir.resolve("master.p12");
        char[] password = "store-pass".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, password);
        store.setEntry("m1", new KeyStore.SecretKeyEntry(new SecretKeySpec(Base64.getDecoder().decode(KEY), "AES")),
                new KeyStore.PasswordProtection(password));
        store.setEntry("m2", new KeyStore.SecretKeyEntry(new SecretKeySpec(Base64.getDecoder().decode(base64(32)), "AES")),
                new KeyStore.PasswordProtection(password));
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }

        MasterKeys keys = MasterKeySource.fromKeystore(file, password, "m1");
        assertThat(keys.current().id()).isEqualTo("m1");
        assertThat(keys.current().key().getEncoded()).isEqualTo(Base64.getDecoder().decode(KEY));
        assertThat(keys.ids()).containsExactlyInAnyOrder("m1", "m2");

        assertThatThrownBy(() -> MasterKeySource.fromKeystore(file, password, null))
                .hasMessageContaining("btob.keys.keystore-current");
        assertThatThrownBy(() -> MasterKeySource.fromKeystore(file, password, "m3"))
                .hasMessageContaining("btob.keys.keystore-current").hasMessageContaining("m3");
        assertThatThrownBy(() -> MasterKeySource.fromKeystore(file, "wrong".toCharArray(), "m1"))
                .hasMessageContaining("btob.keys.keystore (BTOB_KEYSTORE)");
    }

    @Test
    @DisplayName("[SEC-ENC] with nothing configured a master key is generated once into the data directory, owner-only, and kept")
    void generatedThenOwnerOnlyAndStable() throws Exception {
        MasterKeys first = MasterKeySource.load(properties(null, List.of()), dir);
        Path file = dir.resolve("keys").resolve("master.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        MasterKeys again = MasterKeySource.load(properties(null, List.of()), dir);
        assertThat(again.current().id()).isEqualTo(first.current().id());
        assertThat(again.current().key().getEncoded()).isEqualTo(first.current().key().getEncoded());
    }

    private static KeyProperties properties(String masterKey, List<String> previous) {
        return new KeyProperties(masterKey, previous, null, null, null, null);
    }

    private static String base64(int bytes) {
        byte[] raw = new byte[bytes];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }
}
