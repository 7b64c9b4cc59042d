package jp.btob.platform.system.logging.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import java.util.TreeSet;

import jp.btob.platform.crypto.DerivedKeys;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The archive format: gzip sealed in AES-256-GCM chunks under a key derived from the master key. */
class ArchiveCipherTests {

    private static final String KEY_A = TestKeys.masterKey("key-a");

    private static final String KEY_B = TestKeys.masterKey("key-b");

    private static final int SEALED_CHUNK = ArchiveCipher.CHUNK_SIZE + ChunkCipher.TAG_BYTES;

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("[OPS-LOG] an archive of several chunks opens to exactly the original lines; so does an empty one")
    void sealThenOpenGivesOriginal() throws IOException {
        ArchiveCipher cipher = cipher(KEY_A);
        byte[] plain = TestKeys.logLines(4000);

        byte[] archive = TestKeys.seal(cipher, plain);

        assertThat(chunks(archive)).as("chunks").isGreaterThanOrEqualTo(3);
        assertThat(TestKeys.open(cipher, archive)).isEqualTo(plain);
        assertThat(TestKeys.open(cipher, TestKeys.seal(cipher, new byte[0]))).isEmpty();
        assertThat(new String(archive, StandardCharsets.ISO_8859_1))
                .as("nothing of the lines in the clear").doesNotContain("line 1 ").doesNotContain("@timestamp");
    }

    @Test
    @DisplayName("[OPS-LOG] the header names format version 1, the master key, the chunk size and the roll time; salts are fresh")
    void sealThenHeaderCarriesVersionKeyChunkAndRollTime() throws IOException {
        ArchiveCipher cipher = cipher(KEY_A);
        byte[] archive = TestKeys.seal(cipher, TestKeys.logLines(10));

        ArchiveHeader header = ArchiveHeader.read(new ByteArrayInputStream(archive));

        assertThat(Arrays.copyOf(archive, 9)).isEqualTo(new byte[] {'B', 'T', 'O', 'B', '-', 'L', 'O', 'G', 1});
        assertThat(header.masterKeyId()).isEqualTo("key-a");
        assertThat(header.chunkSize()).isEqualTo(ArchiveCipher.CHUNK_SIZE);
        assertThat(header.rolledAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        ArchiveHeader other = ArchiveHeader.read(new ByteArrayInputStream(TestKeys.seal(cipher, TestKeys.logLines(10))));
        assertThat(other.salt()).isNotEqualTo(header.salt());
        assertThat(other.noncePrefix()).isNotEqualTo(header.noncePrefix());
    }

    @Test
    @DisplayName("[OPS-LOG] one flipped byte anywhere (header, chunk boundaries, tags, and a sample of the rest) is refused")
    void flippedByteAnywhereThenRefused() {
        ArchiveCipher cipher = cipher(KEY_A);
        byte[] archive = TestKeys.seal(cipher, TestKeys.logLines(2500));
        int header = headerLength(archive);
        TreeSet<Integer> positions = new TreeSet<>();
        for (int i = 0; i < header; i++) {
            positions.add(i);
        }
        for (int boundary = header; boundary < archive.length; boundary += SEALED_CHUNK) {
            for (int i = Math.max(0, boundary - 24); i < Math.min(archive.length, boundary + 24); i++) {
                positions.add(i);
            }
        }
        for (int i = archive.length - 24; i < archive.length; i++) {
            positions.add(i);
        }
        Random random = new Random(42);
        for (int i = 0; i < 300; i++) {
            positions.add(random.nextInt(archive.length));
        }

        for (int position : positions) {
            byte[] altered = archive.clone();
            altered[position] ^= 0x01;
            assertThatThrownBy(() -> TestKeys.open(cipher, altered)).as("byte %d flipped", position)
                    .isInstanceOf(ArchiveRefusedException.class);
        }
    }

    @Test
    @DisplayName("[OPS-LOG] an archive cut short is refused: last chunk dropped, cut inside a chunk, header alone")
    void truncatedThenRefused() {
        ArchiveCipher cipher = cipher(KEY_A);
        byte[] archive = TestKeys.seal(cipher, TestKeys.logLines(2500));
        int header = headerLength(archive);
        int lastChunkStart = header + (chunks(archive) - 1) * SEALED_CHUNK;

        assertThatThrownBy(() -> TestKeys.open(cipher, Arrays.copyOf(archive, lastChunkStart)))
                .isInstanceOf(ArchiveRefusedException.class).hasMessageContaining("does not authenticate");
        assertThatThrownBy(() -> TestKeys.open(cipher, Arrays.copyOf(archive, archive.length - 1)))
                .isInstanceOf(ArchiveRefusedException.class);
        assertThatThrownBy(() -> TestKeys.open(cipher, Arrays.copyOf(archive, header)))
                .isInstanceOf(ArchiveRefusedException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> TestKeys.open(cipher, Arrays.copyOf(archive, header - 1)))
                .isInstanceOf(ArchiveRefusedException.class).hasMessageContaining("truncated");
    }

    @Test
    @DisplayName("[OPS-LOG] an archive with something appended is refused: a copy of its last chunk, or one more byte")
    void appendedThenRefused() {
        ArchiveCipher cipher = cipher(KEY_A);
        byte[] archive = TestKeys.seal(cipher, TestKeys.logLines(2500));
        int lastChunkStart = headerLength(archive) + (chunks(archive) - 1) * SEALED_CHUNK;
        byte[] lastChunk = Arrays.copyOfRange(archive, lastChunkStart, archive.length);

        assertThatThrownBy(() -> TestKeys.open(cipher, concat(archive, lastChunk)))
                .isInstanceOf(ArchiveRefusedException.class);
        assertThatThrownBy(() -> TestKeys.open(cipher, concat(archive, new byte[1])))
                .isInstanceOf(ArchiveRefusedException.class);
    }

    @Test
    @DisplayName("[OPS-LOG] two chunks swapped are refused")
    void chunksSwappedThenRefused() {
        ArchiveCipher cipher = cipher(KEY_A);
        byte[] archive = TestKeys.seal(cipher, TestKeys.logLines(2500));
        int header = headerLength(archive);
        byte[] swapped = archive.clone();
        System.arraycopy(archive, header, swapped, header + SEALED_CHUNK, SEALED_CHUNK);
        System.arraycopy(archive, header + SEALED_CHUNK, swapped, header, SEALED_CHUNK);

        assertThatThrownBy(() -> TestKeys.open(cipher, swapped))
                .isInstanceOf(ArchiveRefusedException.class).hasMessageContaining("chunk 0 does not authenticate");
    }

    @Test
    @DisplayName("[OPS-LOG] the header of another archive under the same key, put on this one's chunks, is refused")
    void headerSwappedThenRefused() {
        ArchiveCipher cipher = cipher(KEY_A);
        byte[] archive = TestKeys.seal(cipher, TestKeys.logLines(100));
        byte[] other = TestKeys.seal(cipher, TestKeys.logLines(100));
        int header = headerLength(archive);
        byte[] swapped = concat(Arrays.copyOf(other, header), Arrays.copyOfRange(archive, header, archive.length));

        assertThatThrownBy(() -> TestKeys.open(cipher, swapped)).isInstanceOf(ArchiveRefusedException.class);
    }

    @Test
    @DisplayName("[OPS-LOG] an archive made with key A is refused with only key B: by name when B has its own ID, by the tag when B took A's ID")
    void otherKeyThenRefused() {
        byte[] archive = TestKeys.seal(cipher(KEY_A), TestKeys.logLines(100));

        assertThatThrownBy(() -> TestKeys.open(cipher(KEY_B), archive))
                .isInstanceOf(ArchiveRefusedException.class)
                .hasMessageContaining("'key-a'").hasMessageContaining("not configured");
        String impostor = "key-a:" + KEY_B.substring(KEY_B.indexOf(':') + 1);
        assertThatThrownBy(() -> TestKeys.open(cipher(impostor), archive))
                .isInstanceOf(ArchiveRefusedException.class).hasMessageContaining("does not authenticate");
    }

    @Test
    @DisplayName("[OPS-LOG] after a master-key rotation to B, archives made under A still open while A is a previous key; new ones name B")
    void rotatedThenOldArchivesOpenWithPreviousKey() throws IOException {
        byte[] plain = TestKeys.logLines(500);
        byte[] underA = TestKeys.seal(cipher(KEY_A), plain);
        ArchiveCipher rotated = cipher(KEY_B, KEY_A);

        assertThat(TestKeys.open(rotated, underA)).isEqualTo(plain);
        byte[] underB = TestKeys.seal(rotated, plain);
        assertThat(ArchiveHeader.read(new ByteArrayInputStream(underB)).masterKeyId()).isEqualTo("key-b");
        assertThatThrownBy(() -> TestKeys.open(cipher(KEY_A), underB)).isInstanceOf(ArchiveRefusedException.class);
    }

    @Test
    @DisplayName("[OPS-LOG] a file that is not an archive, or of an unknown format version, is refused as such")
    void notAnArchiveThenRefused() {
        ArchiveCipher cipher = cipher(KEY_A);
        byte[] archive = TestKeys.seal(cipher, TestKeys.logLines(10));
        byte[] version2 = archive.clone();
        version2[8] = 2;

        assertThatThrownBy(() -> TestKeys.open(cipher, TestKeys.logLines(10)))
                .isInstanceOf(ArchiveRefusedException.class).hasMessageContaining("not a log archive");
        assertThatThrownBy(() -> TestKeys.open(cipher, version2))
                .isInstanceOf(ArchiveRefusedException.class).hasMessageContaining("version 2");
    }

    private ArchiveCipher cipher(String current, String... previous) {
        DerivedKeys keys = TestKeys.keys(dataDir, current, previous);
        return new ArchiveCipher(keys);
    }

    private static int headerLength(byte[] archive) {
        int idLength = archive[8 + 1 + 4 + 8] & 0xFF;
        return 8 + 1 + 4 + 8 + 1 + idLength + ArchiveHeader.SALT_BYTES + ArchiveHeader.NONCE_PREFIX_BYTES;
    }

    private static int chunks(byte[] archive) {
        return (archive.length - headerLength(archive) + SEALED_CHUNK - 1) / SEALED_CHUNK;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        return ByteBuffer.allocate(first.length + second.length).put(first).put(second).array();
    }
}
