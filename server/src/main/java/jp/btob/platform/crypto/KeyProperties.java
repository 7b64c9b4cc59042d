package jp.btob.platform.crypto;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the master keys come from (SEC-ENC): an environment variable, or a PKCS12 key store,
 * never the repository or the database. With neither, the platform generates one on first run
 * into the data directory, which is fit for a developer's machine only.
 *
 * @param masterKey          the current master key, {@code [id:]base64} of 32 bytes; without an
 *                           ID, the ID is derived from the key
 * @param previousMasterKeys keys in the same form that wrapped data keys before a rotation,
 *                           kept until every data key is re-wrapped by the current one
 * @param keystore           a PKCS12 file of AES secret keys, each entry's alias its ID
 * @param keystorePassword   the key store's password, also the password of its entries
 * @param keystoreCurrent    the alias of the current master key; others are previous keys
 * @param cacheSize          how many unwrapped data keys are kept in memory
 */
@ConfigurationProperties("btob.keys")
public record KeyProperties(String masterKey, List<String> previousMasterKeys, Path keystore,
                            String keystorePassword, String keystoreCurrent, Integer cacheSize) {

    static final String MASTER_KEY = "btob.keys.master-key (BTOB_MASTER_KEY)";

    static final String PREVIOUS = "btob.keys.previous-master-keys (BTOB_PREVIOUS_MASTER_KEYS)";

    public KeyProperties {
        masterKey = blankToNull(masterKey);
        previousMasterKeys = previousMasterKeys == null ? List.of()
                : previousMasterKeys.stream().map(String::strip).filter(entry -> !entry.isEmpty()).toList();
        keystorePassword = blankToNull(keystorePassword);
        keystoreCurrent = blankToNull(keystoreCurrent);
        cacheSize = cacheSize == null ? 10_000 : cacheSize;
        if (cacheSize < 0) {
            throw new IllegalArgumentException("btob.keys.cache-size must be 0 or more, not " + cacheSize);
        }
        if (masterKey != null && keystore != null) {
            throw new IllegalArgumentException(
                    "Set either " + MASTER_KEY + " or btob.keys.keystore (BTOB_KEYSTORE), not both");
        }
        if (masterKey == null && !previousMasterKeys.isEmpty()) {
            throw new IllegalArgumentException(PREVIOUS + " is set but " + MASTER_KEY + " is not");
        }
        if (keystore != null && keystorePassword == null) {
            throw new IllegalArgumentException(
                    "btob.keys.keystore is set but btob.keys.keystore-password (BTOB_KEYSTORE_PASSWORD) is not");
        }
        if (keystore == null && (keystorePassword != null || keystoreCurrent != null)) {
            throw new IllegalArgumentException(
                    "btob.keys.keystore-password and btob.keys.keystore-current need btob.keys.keystore (BTOB_KEYSTORE)");
        }
        if (masterKey != null) {
            environmentKeys(masterKey, previousMasterKeys);
        }
    }

    /** The keys given in the environment form, the current one first; checked, so start-up fails on a bad one. */
    List<MasterKey> environmentKeys() {
        return masterKey == null ? List.of() : environmentKeys(masterKey, previousMasterKeys);
    }

    private static List<MasterKey> environmentKeys(String current, List<String> previous) {
        List<MasterKey> keys = new ArrayList<>();
        keys.add(parse(current, MASTER_KEY));
        for (String entry : previous) {
            keys.add(parse(entry, PREVIOUS));
        }
        Set<String> ids = new HashSet<>();
        for (MasterKey key : keys) {
            if (!ids.add(key.id())) {
                throw new IllegalArgumentException(MASTER_KEY + " and " + PREVIOUS + " name the ID " + key.id()
                        + " twice; each master key needs an ID of its own");
            }
        }
        return List.copyOf(keys);
    }

    /** Parses {@code [id:]base64}; base64 has no colon, so the first colon ends the ID. */
    static MasterKey parse(String entry, String setting) {
        int colon = entry.indexOf(':');
        String encoded = (colon < 0 ? entry : entry.substring(colon + 1)).strip();
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(encoded);
        }
        catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException(setting + " is not base64: give 32 random bytes in base64, "
                    + "e.g. from `openssl rand -base64 32`");
        }
        if (raw.length != MasterKey.BYTES) {
            throw new IllegalArgumentException(setting + " decodes to " + raw.length
                    + " bytes; a master key is 32 bytes (256-bit AES), e.g. from `openssl rand -base64 32`");
        }
        String id = colon < 0 ? MasterKey.fingerprint(raw) : entry.substring(0, colon).strip();
        if (!MasterKey.ID.matcher(id).matches()) {
            throw new IllegalArgumentException(setting + " has the ID '" + id
                    + "'; an ID is 1 to 64 letters, digits, '.', '_' or '-'");
        }
        return MasterKey.of(id, raw);
    }

    /** Without the keys and the password, which must never reach a log. */
    @Override
    public String toString() {
        return "KeyProperties[masterKey=" + (masterKey == null ? "unset" : "set") + ", previousMasterKeys="
                + previousMasterKeys.size() + ", keystore=" + keystore + ", keystoreCurrent=" + keystoreCurrent
                + ", cacheSize=" + cacheSize + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
