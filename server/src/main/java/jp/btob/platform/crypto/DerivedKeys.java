package jp.btob.platform.crypto;

import java.nio.file.Path;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * 256-bit AES keys derived from a master key with HKDF-SHA256, the purpose's label as info and a
 * salt that the caller stores next to what the key protects. What such a key seals can be read
 * back with the master key alone: no database, no stored key. A previous master key derives
 * the keys of what it sealed for as long as it stays configured.
 */
public final class DerivedKeys {

    private static final int KEY_BYTES = 32;

    private final MasterKeys masters;

    DerivedKeys(MasterKeys masters) {
        this.masters = masters;
    }

    /**
     * The keys that the settings name, for a command run without the platform. Unlike the
     * platform's start-up, it never generates a master key: one it made up would read nothing.
     */
    public static DerivedKeys fromSettings(KeyProperties properties, Path dataDir) {
        return new DerivedKeys(MasterKeySource.loadExisting(properties, dataDir));
    }

    /** The ID of the master key that new keys are derived from. */
    public String currentMasterKeyId() {
        return masters.current().id();
    }

    /**
     * The key for this purpose and salt under the master key with this ID.
     *
     * @throws DecryptionException when no configured master key has the ID
     */
    public SecretKey derive(KeyPurpose purpose, String masterKeyId, byte[] salt) {
        MasterKey master = masters.find(masterKeyId).orElseThrow(() -> new DecryptionException("Sealed under the master key '"
                + masterKeyId + "', which is not configured (configured: " + masters.ids()
                + "); configure it as BTOB_MASTER_KEY or in BTOB_PREVIOUS_MASTER_KEYS (or the key store) to read it"));
        return new SecretKeySpec(Hkdf.sha256(master.key().getEncoded(), salt, purpose.info(), KEY_BYTES), "AES");
    }
}
