package jp.btob.platform.system.logging.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator's command that writes an archive's lines to stdout, with the platform's key settings. */
class DecryptLogArchiveCommandTests {

    private static final String KEY_A = TestKeys.masterKey("key-a");

    private static final String KEY_B = TestKeys.masterKey("key-b");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    @DisplayName("[OPS-LOG] decrypt-log-archive prints the original lines and exits 0")
    void archiveThenOriginalLinesOnStdout() throws IOException {
        byte[] lines = TestKeys.logLines(2000);
        Path archive = archive(lines, KEY_A);

        int exit = run(archive.toString(), "--btob.keys.master-key=" + KEY_A);

        assertThat(exit).as(stderr()).isEqualTo(DecryptLogArchiveCommand.OK);
        assertThat(out.toByteArray()).isEqualTo(lines);
        assertThat(stderr()).isEmpty();
    }

    @Test
    @DisplayName("[OPS-LOG] after a rotation, the command reads an archive of the previous key from BTOB_PREVIOUS_MASTER_KEYS")
    void previousKeyThenReadable() throws IOException {
        byte[] lines = TestKeys.logLines(50);
        Path archive = archive(lines, KEY_A);

        int exit = run(archive.toString(), "--btob.keys.master-key=" + KEY_B, "--btob.keys.previous-master-keys=" + KEY_A);

        assertThat(exit).as(stderr()).isEqualTo(DecryptLogArchiveCommand.OK);
        assertThat(out.toByteArray()).isEqualTo(lines);
    }

    @Test
    @DisplayName("[OPS-LOG] a tampered archive exits 1 with a clear message and writes not one line, even of the chunks before the damage")
    void tamperedThenExit1AndNothingWritten() throws IOException {
        Path archive = archive(TestKeys.logLines(2500), KEY_A);
        byte[] bytes = Files.readAllBytes(archive);
        bytes[bytes.length - 5] ^= 0x40;
        Files.write(archive, bytes);

        int exit = run(archive.toString(), "--btob.keys.master-key=" + KEY_A);

        assertThat(exit).isEqualTo(DecryptLogArchiveCommand.REFUSED);
        assertThat(out.size()).isZero();
        assertThat(stderr()).contains("refused").contains("does not authenticate").contains("Nothing was written");
    }

    @Test
    @DisplayName("[OPS-LOG] the wrong master key exits 1 with a message naming the key the archive needs")
    void wrongKeyThenExit1NamingKey() throws IOException {
        Path archive = archive(TestKeys.logLines(50), KEY_A);

        int exit = run(archive.toString(), "--btob.keys.master-key=" + KEY_B);

        assertThat(exit).isEqualTo(DecryptLogArchiveCommand.REFUSED);
        assertThat(out.size()).isZero();
        assertThat(stderr()).contains("'key-a'").contains("not configured");
    }

    @Test
    @DisplayName("[OPS-LOG] with no master key configured and none generated, the command exits 2 and generates none")
    void noKeyThenExit2AndNothingGenerated() throws IOException {
        Path archive = archive(TestKeys.logLines(50), KEY_A);
        Path emptyDataDir = Files.createDirectory(dir.resolve("data"));

        int exit = run(archive.toString(), "--btob.data-dir=" + emptyDataDir);

        assertThat(exit).isEqualTo(DecryptLogArchiveCommand.USAGE);
        assertThat(stderr()).contains("No master key is configured");
        assertThat(emptyDataDir.resolve("keys")).doesNotExist();
    }

    @Test
    @DisplayName("[OPS-LOG] without a file, or with a missing one, the command prints its usage and exits 2")
    void noFileThenUsage() {
        assertThat(run()).isEqualTo(DecryptLogArchiveCommand.USAGE);
        assertThat(stderr()).contains("Usage").contains(DecryptLogArchiveCommand.NAME);
        assertThat(run(dir.resolve("missing.gz.enc").toString())).isEqualTo(DecryptLogArchiveCommand.USAGE);
        assertThat(out.size()).isZero();
    }

    private Path archive(byte[] lines, String key) throws IOException {
        Path file = Files.createTempFile(dir, "btob-", ".log.gz.enc");
        return Files.write(file, TestKeys.seal(new ArchiveCipher(TestKeys.keys(dir, key)), lines));
    }

    private int run(String... arguments) {
        String[] args = new String[arguments.length + 1];
        args[0] = DecryptLogArchiveCommand.NAME;
        System.arraycopy(arguments, 0, args, 1, arguments.length);
        String[] withDataDir = args;
        if (Arrays.stream(arguments).noneMatch(arg -> arg.startsWith("--btob.data-dir="))) {
            withDataDir = Arrays.copyOf(args, args.length + 1);
            withDataDir[args.length] = "--btob.data-dir=" + dir;
        }
        return DecryptLogArchiveCommand.run(withDataDir, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
