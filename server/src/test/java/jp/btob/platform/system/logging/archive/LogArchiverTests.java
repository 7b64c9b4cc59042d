package jp.btob.platform.system.logging.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jp.btob.platform.support.MutableClock;
import jp.btob.platform.system.logging.LogFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The archive job on a log directory of its own: what it archives, deletes, keeps, and how it recovers. */
class LogArchiverTests {

    private static final Duration RETENTION = Duration.ofDays(365);

    private static final String ROLLED = "btob-2026-01-01.0.log";

    @TempDir
    Path dataDir;

    @TempDir
    Path logDir;

    private final MutableClock clock = new MutableClock();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private ArchiveCipher cipher;

    private LogArchiver archiver;

    @BeforeEach
    void archiver() {
        cipher = new ArchiveCipher(TestKeys.keys(dataDir, TestKeys.masterKey("main")));
        archiver = new LogArchiver(logDir, RETENTION, cipher, clock, registry);
    }

    @Test
    @DisplayName("[OPS-LOG] a rolled file is archived and deleted; the active file and other files are untouched; the archive opens to the original")
    void rolledFileThenArchivedAndActiveUntouched() throws IOException {
        byte[] lines = TestKeys.logLines(3000);
        Files.write(logDir.resolve(ROLLED), lines);
        byte[] active = TestKeys.logLines(20);
        Path activeFile = Files.write(logDir.resolve(LogFiles.ACTIVE), active);
        FileTime activeModified = Files.getLastModifiedTime(activeFile);
        List<String> others = List.of("notes.txt", "btob-2026-01-01.0.log.gz", "btob.log.1", "other-2026-01-01.0.log");
        for (String other : others) {
            Files.writeString(logDir.resolve(other), other);
        }

        ArchiveRun run = archiver.run();

        assertThat(run).isEqualTo(new ArchiveRun(1, 0, 0));
        assertThat(logDir.resolve(ROLLED)).doesNotExist();
        assertThat(archiveNames()).containsExactly(ROLLED + ".gz.enc");
        assertThat(open(archive(ROLLED + ".gz.enc"))).isEqualTo(lines);
        assertThat(Files.readAllBytes(activeFile)).isEqualTo(active);
        assertThat(Files.getLastModifiedTime(activeFile)).isEqualTo(activeModified);
        for (String other : others) {
            assertThat(logDir.resolve(other)).hasContent(other);
        }
        assertThat(registry.get("btob.log.archive.files").counter().count()).isEqualTo(1);
        assertThat(archiver.run()).as("a second run finds nothing to do").isEqualTo(new ArchiveRun(0, 0, 0));
    }

    @Test
    @DisplayName("[OPS-LOG] retention: with the clock moved, archives whose file rolled over a retention period ago are deleted, younger ones kept, whatever their file times")
    void clockMovedThenExpiredDeletedYoungerKept() throws IOException {
        rolled("btob-2026-01-01.0.log", clock.instant());
        archiver.run();
        clock.advance(Duration.ofDays(200));
        rolled("btob-2026-07-20.0.log", clock.instant());
        archiver.run();
        // File times say the opposite of the recorded roll times; the recorded ones count.
        Files.setLastModifiedTime(archive("btob-2026-01-01.0.log.gz.enc"), FileTime.from(clock.instant()));
        Files.setLastModifiedTime(archive("btob-2026-07-20.0.log.gz.enc"), FileTime.from(Instant.EPOCH));

        clock.advance(Duration.ofDays(164));
        assertThat(archiver.run().expired()).as("364 days after the first roll").isZero();
        clock.advance(Duration.ofDays(2));
        ArchiveRun run = archiver.run();

        assertThat(run.expired()).isEqualTo(1);
        assertThat(archiveNames()).containsExactly("btob-2026-07-20.0.log.gz.enc");
        assertThat(registry.get("btob.log.archive.expired").counter().count()).isEqualTo(1);
    }

    @Test
    @DisplayName("[OPS-LOG] a file time ahead of the clock does not extend an archive's life: the roll time is at most the clock's now")
    void fileTimeInFutureThenRollTimeIsNow() throws IOException {
        Instant before = clock.instant();
        rolled(ROLLED, clock.instant().plus(Duration.ofDays(3650)));

        archiver.run();

        Instant rolledAt = header(archive(ROLLED + ".gz.enc")).rolledAt();
        assertThat(rolledAt).isBetween(before.minusMillis(1), clock.instant());
        clock.advance(RETENTION.plusDays(1));
        assertThat(archiver.run().expired()).isEqualTo(1);
    }

    @Test
    @DisplayName("[OPS-LOG] crash: a half-written temporary archive left by an interrupted run is removed, and the rolled file still gets archived")
    void leftoverTempFileThenCleanedAndFileArchived() throws IOException {
        byte[] lines = TestKeys.logLines(500);
        Files.write(logDir.resolve(ROLLED), lines);
        Files.createDirectories(logDir.resolve(LogArchiver.ARCHIVE_DIR));
        byte[] whole = TestKeys.seal(cipher, lines);
        Files.write(archive(ROLLED + ".gz.enc.tmp"), Arrays.copyOf(whole, whole.length / 2));
        Files.writeString(archive("btob-2025-12-31.3.log.gz.enc.tmp"), "half of another");

        ArchiveRun run = archiver.run();

        assertThat(run).isEqualTo(new ArchiveRun(1, 0, 0));
        assertThat(archiveNames()).containsExactly(ROLLED + ".gz.enc");
        assertThat(open(archive(ROLLED + ".gz.enc"))).isEqualTo(lines);
        assertThat(logDir.resolve(ROLLED)).doesNotExist();
    }

    @Test
    @DisplayName("[OPS-LOG] crash after the rename, before the delete: the file is recognised as archived and deleted, not archived twice")
    void archivedButNotDeletedThenDeletedOnce() throws IOException {
        byte[] lines = TestKeys.logLines(500);
        Files.write(logDir.resolve(ROLLED), lines);
        archiver.run();
        Files.write(logDir.resolve(ROLLED), lines);

        ArchiveRun run = archiver.run();

        assertThat(run).isEqualTo(new ArchiveRun(0, 0, 0));
        assertThat(logDir.resolve(ROLLED)).doesNotExist();
        assertThat(archiveNames()).containsExactly(ROLLED + ".gz.enc");
    }

    @Test
    @DisplayName("[OPS-LOG] a rolled name that Logback reuses after a restart, with other lines, gets an archive of its own; neither is overwritten")
    void nameReusedThenSecondArchive() throws IOException {
        byte[] first = TestKeys.logLines(300);
        byte[] second = TestKeys.logLines(300);
        Files.write(logDir.resolve(ROLLED), first);
        archiver.run();
        Files.write(logDir.resolve(ROLLED), second);

        assertThat(archiver.run().archived()).isEqualTo(1);

        assertThat(archiveNames()).containsExactly(ROLLED + ".1.gz.enc", ROLLED + ".gz.enc");
        assertThat(open(archive(ROLLED + ".gz.enc"))).isEqualTo(first);
        assertThat(open(archive(ROLLED + ".1.gz.enc"))).isEqualTo(second);
    }

    @Test
    @DisplayName("[OPS-LOG] a file in the archive directory without a readable header still expires, by its file time")
    void unreadableArchiveThenExpiresByFileTime() throws IOException {
        Files.createDirectories(logDir.resolve(LogArchiver.ARCHIVE_DIR));
        Path old = Files.writeString(archive("damaged.log.gz.enc"), "not an archive");
        Files.setLastModifiedTime(old, FileTime.from(clock.instant().minus(RETENTION).minus(Duration.ofDays(1))));
        Path recent = Files.writeString(archive("recent.log.gz.enc"), "not an archive either");

        assertThat(archiver.run().expired()).isEqualTo(1);

        assertThat(old).doesNotExist();
        assertThat(recent).exists();
    }

    @Test
    @DisplayName("[OPS-LOG] a failure is counted and logged, and the rolled file stays for the next run")
    void archiveDirectoryUnusableThenFailureCountedAndFileKept() throws IOException {
        byte[] lines = TestKeys.logLines(100);
        Files.write(logDir.resolve(ROLLED), lines);
        Files.writeString(logDir.resolve(LogArchiver.ARCHIVE_DIR), "a file where the archive directory belongs");

        ArchiveRun run = archiver.run();

        assertThat(run.failed()).isEqualTo(1);
        assertThat(run.archived()).isZero();
        assertThat(logDir.resolve(ROLLED)).hasBinaryContent(lines);
        assertThat(registry.get("btob.log.archive.failures").counter().count()).isEqualTo(1);
    }

    @Test
    @DisplayName("[OPS-LOG] the schedule runs the job by itself, every interval, on a thread of its own")
    void scheduleThenRunsWithoutBeingCalled() throws IOException {
        Files.write(logDir.resolve(ROLLED), TestKeys.logLines(100));
        LogArchiveSchedule schedule = new LogArchiveSchedule(archiver, Duration.ofMillis(100));
        schedule.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(archive(ROLLED + ".gz.enc")));
            Files.write(logDir.resolve("btob-2026-01-02.0.log"), TestKeys.logLines(100));
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(archive("btob-2026-01-02.0.log.gz.enc")));
        }
        finally {
            schedule.stop();
        }
        assertThat(schedule.isRunning()).isFalse();
        assertThat(logDir.resolve(ROLLED)).doesNotExist();
    }

    private void rolled(String name, Instant modified) throws IOException {
        Path file = Files.write(logDir.resolve(name), TestKeys.logLines(50));
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }

    private Path archive(String name) {
        return logDir.resolve(LogArchiver.ARCHIVE_DIR).resolve(name);
    }

    private List<String> archiveNames() throws IOException {
        try (Stream<Path> files = Files.list(logDir.resolve(LogArchiver.ARCHIVE_DIR))) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private byte[] open(Path archive) throws IOException {
        try (InputStream in = cipher.open(Files.newInputStream(archive))) {
            return in.readAllBytes();
        }
    }

    private static ArchiveHeader header(Path archive) throws IOException {
        try (InputStream in = Files.newInputStream(archive)) {
            return ArchiveHeader.read(in);
        }
    }
}
