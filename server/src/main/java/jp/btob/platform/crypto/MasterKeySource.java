package jp.btob.platform.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the master keys at start-up, from the environment, a PKCS12 key store, or the key the
 * platform generated for itself in the data directory; any file I/O happens here, never later.
 */
final class MasterKeySource {

    private static final Logger log = LoggerFactory.getLogger(MasterKeySource.class);

    private static final String KEYSTORE = "btob.keys.keystore (BTOB_KEYSTORE)";

    private MasterKeySource() {
    }

    static MasterKeys load(KeyProperties properties, Path dataDir) {
        if (properties.keystore() != null) {
            return fromKeystore(properties.keystore(), properties.keystorePassword().toCharArray(),
                    properties.keystoreCurrent());
        }
        if (properties.masterKey() != null) {
            return MasterKeys.of(properties.environmentKeys());
        }
        return generated(generatedFile(dataDir));
    }

    private static Path generatedFile(Path dataDir) {
        return dataDir.resolve("keys").resolve("master.key");
    }

    /** As {@link #load}, but a missing generated key is an error rather than made now. */
    static MasterKeys loadExisting(KeyProperties properties, Path dataDir) {
        Path generated = generatedFile(dataDir);
        if (properties.keystore() == null && properties.masterKey() == null && !Files.exists(generated)) {
            throw new IllegalArgumentException("No master key is configured: set BTOB_MASTER_KEY (with "
                    + "BTOB_PREVIOUS_MASTER_KEYS) or BTOB_KEYSTORE as the platform has them, or btob.data-dir "
                    + "(BTOB_DATA_DIR) to the directory whose keys/master.key the platform generated; " + generated
                    + " does not exist");
        }
        return load(properties, dataDir);
    }

    static MasterKeys fromKeystore(Path file, char[] password, String currentAlias) {
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        }
        catch (IOException | GeneralSecurityException ex) {
            throw new IllegalArgumentException(KEYSTORE + " " + file
                    + " cannot be read as PKCS12 with btob.keys.keystore-password: " + ex.getMessage(), ex);
        }
        List<MasterKey> keys = new ArrayList<>();
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    Key key = store.getKey(alias, password);
                    if (key.getEncoded() == null || key.getEncoded().length != MasterKey.BYTES) {
                        throw new IllegalArgumentException(KEYSTORE + " entry '" + alias
                                + "' is not a 256-bit AES secret key");
                    }
                    keys.add(MasterKey.of(alias, key.getEncoded()));
                }
            }
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalArgumentException(KEYSTORE + " entries cannot be read with btob.keys.keystore-password", ex);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(KEYSTORE + " " + file + " holds no secret key");
        }
        String current = currentAlias != null ? currentAlias : keys.size() == 1 ? keys.get(0).id() : null;
        if (current == null) {
            throw new IllegalArgumentException(KEYSTORE + " holds " + keys.size()
                    + " keys: set btob.keys.keystore-current (BTOB_KEYSTORE_CURRENT) to the alias of the current one");
        }
        MasterKey first = keys.stream().filter(key -> key.id().equals(current)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("btob.keys.keystore-current (BTOB_KEYSTORE_CURRENT) is '"
                        + current + "', which " + KEYSTORE + " does not hold"));
        keys.remove(first);
        return new MasterKeys(first, keys);
    }

    /** The developer's default: a key generated once, kept in a file only its owner can read. */
    static MasterKeys generated(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] raw = new byte[MasterKey.BYTES];
                new SecureRandom().nextBytes(raw);
                Files.createDirectories(file.getParent());
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                }
                catch (UnsupportedOperationException notPosix) {
                    Files.createFile(file);
                }
                Files.writeString(file, Base64.getEncoder().encodeToString(raw) + "\n");
                log.warn("No master key is configured: generated one at {}. Anyone who can read that file can "
                        + "decrypt the encrypted fields; in production set BTOB_MASTER_KEY or BTOB_KEYSTORE instead.", file);
            }
            else {
                log.warn("No master key is configured: using the generated one at {}. In production set "
                        + "BTOB_MASTER_KEY or BTOB_KEYSTORE instead.", file);
            }
            return MasterKeys.of(List.of(KeyProperties.parse(Files.readString(file).strip(), "The master key file " + file)));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot keep the generated master key at " + file, ex);
        }
    }
}
