package jp.btob.platform.system.logging.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jp.btob.platform.crypto.DerivedKeys;
import jp.btob.platform.crypto.KeyProperties;

/** Master keys given as the settings give them, and log content to archive. */
final class TestKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestKeys() {
    }

    /** A fresh {@code id:base64} master-key setting. */
    static String masterKey(String id) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return id + ":" + Base64.getEncoder().encodeToString(raw);
    }

    static DerivedKeys keys(Path dataDir, String current, String... previous) {
        return DerivedKeys.fromSettings(new KeyProperties(current, List.of(previous), null, null, null, null), dataDir);
    }

    /** JSON log lines that gzip cannot shrink much, so that they fill several 64 KiB chunks. */
    static byte[] logLines(int count) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < count; i++) {
            lines.append("{\"@timestamp\":\"2026-01-01T00:00:00Z\",\"log\":{\"level\":\"INFO\"},\"message\":\"line ")
                    .append(i).append(' ').append(UUID.randomUUID()).append(' ').append(UUID.randomUUID())
                    .append("\",\"trace\":{\"id\":\"").append(UUID.randomUUID()).append("\"}}\n");
        }
        return lines.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] seal(ArchiveCipher cipher, byte[] plain) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            cipher.seal(new ByteArrayInputStream(plain), out, Instant.parse("2026-01-01T00:00:00Z"));
            return out.toByteArray();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Reads the whole archive, as the command and the job do; any refusal is thrown. */
    static byte[] open(ArchiveCipher cipher, byte[] archive) throws IOException {
        try (InputStream in = cipher.open(new ByteArrayInputStream(archive))) {
            return in.readAllBytes();
        }
    }
}
