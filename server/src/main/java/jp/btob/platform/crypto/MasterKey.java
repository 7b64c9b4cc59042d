package jp.btob.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Pattern;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import jp.btob.platform.system.Sha256;

/**
 * A 256-bit AES key that wraps data keys, with the ID that each wrapped data key records.
 * It never leaves the process: not in the database, not in a log.
 */
record MasterKey(String id, SecretKey key) {

    static final int BYTES = 32;

    static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    MasterKey {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("A master key ID is 1 to 64 letters, digits, '.', '_' or '-': " + id);
        }
        if (!"AES".equalsIgnoreCase(key.getAlgorithm()) || key.getEncoded() == null
                || key.getEncoded().length != BYTES) {
            throw new IllegalArgumentException("Master key " + id + " is not a 256-bit AES key");
        }
    }

    static MasterKey of(String id, byte[] raw) {
        return new MasterKey(id, new SecretKeySpec(raw, "AES"));
    }

    /**
     * The ID of a key configured without one: derived from the key, so that a key replaced
     * without keeping the old one shows up as a missing ID rather than as data keys that no
     * longer unwrap. 48 bits of a hash reveal nothing usable about a 256-bit key.
     */
    static String fingerprint(byte[] raw) {
        return "sha256-" + HexFormat.of().formatHex(Sha256.of("btob master key id".getBytes(StandardCharsets.US_ASCII), raw), 0, 6);
    }

    @Override
    public String toString() {
        return "MasterKey[" + id + "]";
    }
}
