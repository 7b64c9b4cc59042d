package jp.btob.platform.system.logging.archive;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import javax.crypto.SecretKey;

import jp.btob.platform.crypto.DecryptionException;
import jp.btob.platform.crypto.DerivedKeys;
import jp.btob.platform.crypto.KeyPurpose;

/**
 * The archive of one log file: gzip, then sealed in chunks under a key derived from the current
 * master key for {@link KeyPurpose#LOG_ARCHIVE} with a fresh salt. Reading it back needs the
 * master key alone, so it works without the platform and after a master-key rotation while the
 * old key stays configured as a previous one.
 */
final class ArchiveCipher {

    /** 64 KiB: small enough to hold in memory, large enough that the tags are 0.02% of the archive. */
    static final int CHUNK_SIZE = 64 * 1024;

    private static final int BUFFER = 8192;

    private static final int FILE_BUFFER = 64 * 1024;

    private final DerivedKeys keys;

    private final SecureRandom random;

    ArchiveCipher(DerivedKeys keys) {
        this(keys, new SecureRandom());
    }

    ArchiveCipher(DerivedKeys keys, SecureRandom random) {
        this.keys = keys;
        this.random = random;
    }

    /** Writes the archive of {@code plain} to {@code out}, which stays open. */
    void seal(InputStream plain, OutputStream out, Instant rolledAt) throws IOException {
        String masterKeyId = keys.currentMasterKeyId();
        ArchiveHeader fields = new ArchiveHeader(masterKeyId, randomBytes(ArchiveHeader.SALT_BYTES),
                randomBytes(ArchiveHeader.NONCE_PREFIX_BYTES), CHUNK_SIZE, rolledAt);
        byte[] header = fields.encode();
        out.write(header);
        SealingOutputStream sealing = new SealingOutputStream(out,
                keys.derive(KeyPurpose.LOG_ARCHIVE, masterKeyId, fields.salt()), header, fields);
        GZIPOutputStream gzip = new GZIPOutputStream(sealing, BUFFER);
        plain.transferTo(gzip);
        gzip.finish();
        sealing.finish();
    }

    /**
     * The archive's plain content, each chunk authenticated before any of it is handed out.
     * Only the whole stream read to its end proves that nothing was cut off.
     */
    InputStream open(InputStream archive) throws IOException {
        ArchiveHeader fields = ArchiveHeader.read(archive);
        SecretKey key;
        try {
            key = keys.derive(KeyPurpose.LOG_ARCHIVE, fields.masterKeyId(), fields.salt());
        }
        catch (DecryptionException ex) {
            throw new ArchiveRefusedException(ex.getMessage());
        }
        return new GZIPInputStream(new OpeningInputStream(archive, key, fields.encode(), fields), BUFFER);
    }

    /** Writes the archive of a file to a new file and syncs it to disk before answering. */
    void sealFile(Path plain, Path archive, Instant rolledAt) throws IOException {
        try (FileChannel channel = FileChannel.open(archive, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             InputStream in = Files.newInputStream(plain)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), FILE_BUFFER);
            seal(in, out, rolledAt);
            out.flush();
            channel.force(true);
        }
    }

    /** Whether the archive authenticates and holds exactly the plain file's bytes. */
    boolean holds(Path archive, Path plain) throws IOException {
        try (InputStream opened = open(new BufferedInputStream(Files.newInputStream(archive), FILE_BUFFER));
             InputStream original = new BufferedInputStream(Files.newInputStream(plain), FILE_BUFFER)) {
            byte[] left = new byte[FILE_BUFFER];
            byte[] right = new byte[FILE_BUFFER];
            while (true) {
                int read = opened.readNBytes(left, 0, FILE_BUFFER);
                if (read != original.readNBytes(right, 0, FILE_BUFFER) || !Arrays.equals(left, 0, read, right, 0, read)) {
                    return false;
                }
                if (read < FILE_BUFFER) {
                    return true;
                }
            }
        }
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
