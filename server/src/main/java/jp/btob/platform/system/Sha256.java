package jp.btob.platform.system;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256, which every JDK has, without the checked exception at each use. */
public final class Sha256 {

    private Sha256() {
    }

    /** The digest of the parts, one after the other; null parts are skipped. */
    public static byte[] of(byte[]... parts) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every JDK has SHA-256", ex);
        }
        for (byte[] part : parts) {
            if (part != null) {
                sha256.update(part);
            }
        }
        return sha256.digest();
    }
}
