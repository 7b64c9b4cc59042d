package jp.btob.platform.system.logging.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * The clear start of an archive: what a reader needs to derive the key and open the chunks,
 * and when the file rolled. It is authenticated, not secret: every chunk's associated data
 * begins with its exact bytes, so a header changed or taken from another archive fails the
 * first chunk.
 *
 * <pre>
 * "BTOB-LOG" (8) | version (1) | chunk size (4) | rolled at, epoch ms (8)
 *   | master-key ID length (1) | master-key ID, ASCII | salt (32) | nonce prefix (8)
 * </pre>
 *
 * @param masterKeyId the master key the archive's key is derived from
 * @param salt        the HKDF salt, fresh for each archive, so that no two archives share a key
 * @param noncePrefix the random part of every chunk's nonce; the rest is the chunk index
 * @param chunkSize   the plaintext bytes of every chunk but the last
 * @param rolledAt    when the file rolled, from which the retention period counts
 */
record ArchiveHeader(String masterKeyId, byte[] salt, byte[] noncePrefix, int chunkSize, Instant rolledAt) {

    static final int VERSION = 1;

    static final int SALT_BYTES = 32;

    static final int NONCE_PREFIX_BYTES = 8;

    static final int MIN_CHUNK = 1024;

    static final int MAX_CHUNK = 1024 * 1024;

    private static final byte[] MAGIC = "BTOB-LOG".getBytes(StandardCharsets.US_ASCII);

    private static final int FIXED_BYTES = MAGIC.length + 1 + 4 + 8 + 1;

    private static final int MAX_ID_BYTES = 64;

    byte[] encode() {
        byte[] id = masterKeyId.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(FIXED_BYTES + id.length + SALT_BYTES + NONCE_PREFIX_BYTES)
                .put(MAGIC).put((byte) VERSION).putInt(chunkSize).putLong(rolledAt.toEpochMilli())
                .put((byte) id.length).put(id).put(salt).put(noncePrefix)
                .array();
    }

    /** Reads the header and leaves the stream at the first chunk. */
    static ArchiveHeader read(InputStream in) throws IOException {
        ByteBuffer fixed = ByteBuffer.wrap(readFully(in, FIXED_BYTES));
        byte[] magic = new byte[MAGIC.length];
        fixed.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new ArchiveRefusedException("not a log archive: it does not start with BTOB-LOG");
        }
        int version = fixed.get() & 0xFF;
        if (version != VERSION) {
            throw new ArchiveRefusedException("archive format version " + version + " is not one this version reads ("
                    + VERSION + ")");
        }
        int chunkSize = fixed.getInt();
        if (chunkSize < MIN_CHUNK || chunkSize > MAX_CHUNK) {
            throw new ArchiveRefusedException("the header is damaged: a chunk size of " + chunkSize + " bytes");
        }
        Instant rolledAt = Instant.ofEpochMilli(fixed.getLong());
        int idLength = fixed.get() & 0xFF;
        if (idLength == 0 || idLength > MAX_ID_BYTES) {
            throw new ArchiveRefusedException("the header is damaged: a master-key ID of " + idLength + " bytes");
        }
        ByteBuffer rest = ByteBuffer.wrap(readFully(in, idLength + SALT_BYTES + NONCE_PREFIX_BYTES));
        byte[] id = new byte[idLength];
        byte[] salt = new byte[SALT_BYTES];
        byte[] prefix = new byte[NONCE_PREFIX_BYTES];
        rest.get(id).get(salt).get(prefix);
        return new ArchiveHeader(new String(id, StandardCharsets.US_ASCII), salt, prefix, chunkSize, rolledAt);
    }

    private static byte[] readFully(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new ArchiveRefusedException("it ends inside its header: truncated, or not a log archive");
        }
        return bytes;
    }

    @Override
    public String toString() {
        return "ArchiveHeader[masterKeyId=" + masterKeyId + ", chunkSize=" + chunkSize + ", rolledAt=" + rolledAt + "]";
    }
}
