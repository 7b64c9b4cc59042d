package jp.btob.platform.system.logging.archive;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM for one chunk of an archive. The 96-bit nonce is the header's random prefix and
 * the chunk index, so it never repeats within an archive (and each archive has a key of its
 * own). The associated data is the header, the index and whether the chunk is the last: a
 * chunk moved, dropped from the end, or followed by another no longer authenticates.
 */
final class ChunkCipher {

    static final int TAG_BYTES = 16;

    /** The index is 32 bits of the nonce. */
    static final long MAX_CHUNKS = 1L << 32;

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private ChunkCipher() {
    }

    static byte[] seal(SecretKey key, byte[] header, byte[] noncePrefix, long index, boolean last,
                       byte[] plain, int length) {
        try {
            return cipher(Cipher.ENCRYPT_MODE, key, header, noncePrefix, index, last).doFinal(plain, 0, length);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES-GCM encryption failed", ex);
        }
    }

    static byte[] open(SecretKey key, byte[] header, byte[] noncePrefix, long index, boolean last, byte[] sealed)
            throws AEADBadTagException {
        try {
            return cipher(Cipher.DECRYPT_MODE, key, header, noncePrefix, index, last).doFinal(sealed);
        }
        catch (AEADBadTagException ex) {
            throw ex;
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES-GCM decryption failed", ex);
        }
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] header, byte[] noncePrefix, long index, boolean last)
            throws GeneralSecurityException {
        if (index < 0 || index >= MAX_CHUNKS) {
            throw new IllegalStateException("An archive holds at most " + MAX_CHUNKS + " chunks");
        }
        byte[] nonce = ByteBuffer.allocate(noncePrefix.length + 4).put(noncePrefix).putInt((int) index).array();
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
        cipher.updateAAD(header);
        cipher.updateAAD(ByteBuffer.allocate(Long.BYTES + 1).putLong(index).put((byte) (last ? 1 : 0)).array());
        return cipher;
    }
}
