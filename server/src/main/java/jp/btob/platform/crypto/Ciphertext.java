package jp.btob.platform.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The stored form of an encrypted value: {@code version (1) || data-key ID (16) || nonce (12)
 * || ciphertext || GCM tag (16)}. The value names its data key, so values under a retired key
 * still decrypt while re-encryption runs. The associated data is the header, the company ID and
 * the record's identity ({@code table:column:row-id}), so a value moved elsewhere fails.
 */
final class Ciphertext {

    static final byte VERSION = 1;

    static final int HEADER_BYTES = 1 + 16;

    /** The smallest stored value: the header, a nonce and a tag around an empty plaintext. */
    static final int MIN_BYTES = HEADER_BYTES + AesGcm.NONCE_BYTES + AesGcm.TAG_BYTES;

    private Ciphertext() {
    }

    static byte[] header(UUID dataKeyId) {
        return ByteBuffer.allocate(HEADER_BYTES).put(VERSION)
                .putLong(dataKeyId.getMostSignificantBits()).putLong(dataKeyId.getLeastSignificantBits())
                .array();
    }

    /** The data key a stored value names; anything that is not a value of this format is refused. */
    static UUID dataKeyId(byte[] stored) {
        if (stored == null || stored.length < MIN_BYTES) {
            throw new DecryptionException("Not an encrypted value: " + (stored == null ? "null" : stored.length + " bytes"));
        }
        if (stored[0] != VERSION) {
            throw new DecryptionException("Unknown encrypted value format version " + stored[0]);
        }
        ByteBuffer buffer = ByteBuffer.wrap(stored, 1, 16);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    /** The associated data after the header: the company and the record the value belongs to. */
    static byte[] associatedData(UUID companyId, String aad) {
        byte[] place = aad.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(16 + place.length)
                .putLong(companyId.getMostSignificantBits()).putLong(companyId.getLeastSignificantBits())
                .put(place).array();
    }
}
