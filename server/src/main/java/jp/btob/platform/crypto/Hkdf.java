package jp.btob.platform.crypto;

import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF with HMAC-SHA256 (RFC 5869), which the JDK 17 does not offer as an API of its own. */
final class Hkdf {

    private static final String HMAC = "HmacSHA256";

    private static final int HASH_BYTES = 32;

    private Hkdf() {
    }

    /** Extract, then expand to {@code length} bytes; an empty salt stands for a hash length of zeros. */
    static byte[] sha256(byte[] inputKey, byte[] salt, byte[] info, int length) {
        if (length < 1 || length > 255 * HASH_BYTES) {
            throw new IllegalArgumentException("HKDF-SHA256 gives 1 to " + 255 * HASH_BYTES + " bytes, not " + length);
        }
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(salt.length == 0 ? new byte[HASH_BYTES] : salt, HMAC));
            byte[] pseudoRandomKey = mac.doFinal(inputKey);
            mac.init(new SecretKeySpec(pseudoRandomKey, HMAC));
            byte[] output = new byte[length];
            byte[] block = new byte[0];
            for (int counter = 1, filled = 0; filled < length; counter++) {
                mac.update(block);
                mac.update(info);
                mac.update((byte) counter);
                block = mac.doFinal();
                int take = Math.min(block.length, length - filled);
                System.arraycopy(block, 0, output, filled, take);
                filled += take;
            }
            return output;
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Every JDK has HMAC-SHA256", ex);
        }
    }
}
