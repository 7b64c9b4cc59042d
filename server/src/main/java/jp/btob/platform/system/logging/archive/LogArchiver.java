package jp.btob.platform.system.logging.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jp.btob.platform.system.logging.LogFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive job (OPS-LOG). Each rolled log file is gzipped and sealed into
 * {@code archive/<name>.gz.enc}, then deleted; archives whose file rolled longer ago than the
 * retention period are deleted. An archive is written under a temporary name, synced, read back
 * and compared, and only then renamed into place, so a crash at any step loses no line and
 * leaves no half archive under a final name. Blocking file I/O: never call it on the event loop.
 */
final class LogArchiver {

    static final String ARCHIVE_DIR = "archive";

    static final String SUFFIX = ".gz.enc";

    static final String TEMP_SUFFIX = ".tmp";

    private static final Logger log = LoggerFactory.getLogger(LogArchiver.class);

    private final Path logDir;

    private final Path archiveDir;

    private final Duration retention;

    private final ArchiveCipher cipher;

    private final Clock clock;

    private final Counter archivedFiles;

    private final Counter expiredArchives;

    private final Counter failures;

    LogArchiver(Path logDir, Duration retention, ArchiveCipher cipher, Clock clock, MeterRegistry registry) {
        this.logDir = logDir;
        this.archiveDir = logDir.resolve(ARCHIVE_DIR);
        this.retention = retention;
        this.cipher = cipher;
        this.clock = clock;
        this.archivedFiles = Counter.builder("btob.log.archive.files")
                .description("Rolled log files sealed into an encrypted archive").register(registry);
        this.expiredArchives = Counter.builder("btob.log.archive.expired")
                .description("Log archives deleted after the retention period").register(registry);
        this.failures = Counter.builder("btob.log.archive.failures")
                .description("Rolled log files or archives the archive job could not handle").register(registry);
    }

    /** One run; runs never overlap, so a temporary file found at the start is a crashed run's. */
    synchronized ArchiveRun run() {
        int archived = 0;
        int expired = 0;
        int failed = 0;
        try {
            for (Path leftover : list(archiveDir, name -> name.endsWith(TEMP_SUFFIX))) {
                Files.deleteIfExists(leftover);
                log.warn("Deleted {}, left by an archive run that did not finish", leftover.getFileName());
            }
            for (Path rolled : list(logDir, name -> LogFiles.isRolled(Path.of(name)))) {
                try {
                    archived += archive(rolled) ? 1 : 0;
                }
                catch (IOException | RuntimeException ex) {
                    failed++;
                    log.warn("Could not archive {}; it stays for the next run: {}", rolled.getFileName(), ex.toString());
                }
            }
            for (Path archive : list(archiveDir, name -> name.endsWith(SUFFIX))) {
                try {
                    if (expired(archive)) {
                        Files.delete(archive);
                        expired++;
                    }
                }
                catch (IOException | RuntimeException ex) {
                    failed++;
                    log.warn("Could not expire {}: {}", archive.getFileName(), ex.toString());
                }
            }
        }
        catch (IOException ex) {
            failed++;
            log.warn("The log archive run stopped early: {}", ex.toString());
        }
        archivedFiles.increment(archived);
        expiredArchives.increment(expired);
        failures.increment(failed);
        log.info("Log archive run: {} rolled files archived, {} expired archives deleted, {} failures (retention {} days)",
                archived, expired, failed, retention.toDays());
        return new ArchiveRun(archived, expired, failed);
    }

    /** Archives the file and deletes it; false when an earlier run had archived it already. */
    private boolean archive(Path rolled) throws IOException {
        Instant modified = Files.getLastModifiedTime(rolled).toInstant();
        // Its last line was written when it was last modified; a time ahead of the clock must not extend its life.
        Instant rolledAt = modified.isBefore(clock.instant()) ? modified : clock.instant();
        Files.createDirectories(archiveDir);
        Path target = freeName(rolled);
        if (target == null) {
            log.info("{} was archived before the run that archived it stopped; deleting it now", rolled.getFileName());
            delete(rolled);
            return false;
        }
        Path temp = archiveDir.resolve(target.getFileName() + TEMP_SUFFIX);
        try {
            cipher.sealFile(rolled, temp, rolledAt);
            if (!cipher.holds(temp, rolled)) {
                throw new IOException("the archive written does not read back as the file");
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            sync(archiveDir);
        }
        finally {
            Files.deleteIfExists(temp);
        }
        delete(rolled);
        return true;
    }

    /** The first unused archive name; null when an archive of this name already holds exactly this file. */
    private Path freeName(Path rolled) throws IOException {
        String name = rolled.getFileName().toString();
        for (int n = 0; ; n++) {
            // Logback may reuse a rolled name after a restart, once the earlier file was archived away.
            Path candidate = archiveDir.resolve(n == 0 ? name + SUFFIX : name + "." + n + SUFFIX);
            if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return candidate;
            }
            try {
                if (cipher.holds(candidate, rolled)) {
                    return null;
                }
            }
            catch (IOException unreadable) {
                // Another file, or one under a master key no longer configured: not this one.
            }
        }
    }

    /** Whether the archive's file rolled longer ago than the retention period, by the platform's clock. */
    private boolean expired(Path archive) throws IOException {
        Instant rolledAt;
        try (InputStream in = Files.newInputStream(archive)) {
            rolledAt = ArchiveHeader.read(in).rolledAt();
        }
        catch (ArchiveRefusedException unreadable) {
            // Retention holds for every file here, even one whose header is damaged.
            rolledAt = Files.getLastModifiedTime(archive).toInstant();
            log.warn("{} has no readable archive header ({}); its age is taken from its file time",
                    archive.getFileName(), unreadable.getMessage());
        }
        return rolledAt.plus(retention).isBefore(clock.instant());
    }

    private void delete(Path rolled) throws IOException {
        Files.delete(rolled);
        sync(logDir);
    }

    private static List<Path> list(Path dir, Predicate<String> name) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
                    .filter(file -> name.test(file.getFileName().toString()))
                    .sorted()
                    .toList();
        }
        catch (NoSuchFileException absent) {
            return List.of();
        }
    }

    /** Makes a rename or deletion in the directory durable. */
    private static void sync(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
        catch (IOException notSupported) {
            // Some systems cannot open a directory; the change is then as durable as they make it.
        }
    }
}
