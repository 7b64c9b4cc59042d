package jp.btob.platform.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM with a fresh 96-bit nonce per message and a 128-bit tag, both on the CRYPTREC list.
 * A sealed message is {@code header || nonce || ciphertext || tag}; the header travels in the
 * clear but is authenticated, as is the associated data that binds the message to its place.
 */
final class AesGcm {

    static final int NONCE_BYTES = 12;

    static final int TAG_BYTES = 16;

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    /**
     * A DRBG seeded once at start-up: drawing from it is computation only, whereas the default
     * SecureRandom reads /dev/urandom on every draw, which would block an event-loop thread.
     */
    private final SecureRandom random;

    private AesGcm(SecureRandom random) {
        this.random = random;
    }

    /** Seeds the generator now, at start-up, and runs the cipher once so its classes load here too. */
    static AesGcm seeded() {
        try {
            AesGcm gcm = new AesGcm(SecureRandom.getInstance("DRBG"));
            byte[] probe = gcm.randomBytes(32);
            SecretKey key = new SecretKeySpec(probe, "AES");
            gcm.open(key, gcm.seal(key, new byte[0], probe, probe), 0, probe);
            return gcm;
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every JDK since 9 has a DRBG SecureRandom", ex);
        }
        catch (AEADBadTagException ex) {
            throw new IllegalStateException("AES-GCM does not round-trip on this JDK", ex);
        }
    }

    byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A version 4 UUID from this generator; {@link UUID#randomUUID()} would read /dev/urandom. */
    UUID randomUuid() {
        ByteBuffer bytes = ByteBuffer.wrap(randomBytes(16));
        long high = (bytes.getLong() & ~0xF000L) | 0x4000L;
        long low = (bytes.getLong() & ~(0xC000_0000_0000_0000L)) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }

    byte[] seal(SecretKey key, byte[] header, byte[] aad, byte[] plaintext) {
        byte[] nonce = randomBytes(NONCE_BYTES);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce), random);
            cipher.updateAAD(header);
            cipher.updateAAD(aad);
            byte[] sealed = new byte[header.length + NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
            System.arraycopy(header, 0, sealed, 0, header.length);
            System.arraycopy(nonce, 0, sealed, header.length, NONCE_BYTES);
            cipher.doFinal(plaintext, 0, plaintext.length, sealed, header.length + NONCE_BYTES);
            return sealed;
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES-GCM encryption failed", ex);
        }
    }

    /** Opens what {@link #seal} made with the same header length and associated data; a changed bit fails the tag. */
    byte[] open(SecretKey key, byte[] sealed, int headerLength, byte[] aad) throws AEADBadTagException {
        if (sealed.length < headerLength + NONCE_BYTES + TAG_BYTES) {
            throw new AEADBadTagException("Too short to be AES-GCM output");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, sealed, headerLength, NONCE_BYTES),
                    random);
            cipher.updateAAD(sealed, 0, headerLength);
            cipher.updateAAD(aad);
            int start = headerLength + NONCE_BYTES;
            return cipher.doFinal(sealed, start, sealed.length - start);
        }
        catch (AEADBadTagException ex) {
            throw ex;
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES-GCM decryption failed", ex);
        }
    }
}
