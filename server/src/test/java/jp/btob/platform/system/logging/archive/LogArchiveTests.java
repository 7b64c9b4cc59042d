package jp.btob.platform.system.logging.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.TestLogSettings;
import jp.btob.platform.system.logging.LogFileText;
import jp.btob.platform.system.logging.LogFiles;
import jp.btob.platform.system.logging.LoggingProperties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The platform's own log file, rolled by Logback and sealed by the archive job, read back by the operator's command. */
class LogArchiveTests extends IntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(LogArchiveTests.class);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    LogArchiver archiver;

    @Autowired
    LoggingProperties properties;

    @Autowired
    MeterRegistry registry;

    @Test
    @DisplayName("[OPS-LOG] Logback writes JSON lines to btob.log and rolls it; the job seals the rolled file, which the command opens with the platform's key; the active file goes on")
    void loggedUntilRolledThenArchivedAndReadableWhileActiveGoesOn() throws IOException {
        Path dir = properties.dir();
        assertThat(dir).as("the job looks where Logback writes").isEqualTo(TestLogSettings.DIR);
        String marker = "roll-marker-" + UUID.randomUUID();
        log.info("before the roll {}", marker);
        Path rolled = await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (int i = 0; i < 500; i++) {
                log.info("filler {} {} {}", i, UUID.randomUUID(), UUID.randomUUID());
            }
            return rolledWith(dir, marker);
        }, Optional::isPresent).orElseThrow();
        byte[] rolledContent = Files.readAllBytes(rolled);
        String afterRoll = "after-the-roll-" + UUID.randomUUID();
        log.info(afterRoll);
        assertThat(LogFileText.appears(dir, afterRoll)).isTrue();
        double archivedBefore = registry.get("btob.log.archive.files").counter().count();

        ArchiveRun run = archiver.run();

        assertThat(run.failed()).isZero();
        assertThat(run.archived()).isGreaterThanOrEqualTo(1);
        assertThat(registry.get("btob.log.archive.files").counter().count()).isEqualTo(archivedBefore + run.archived());
        assertThat(rolled).doesNotExist();
        Path active = dir.resolve(LogFiles.ACTIVE);
        assertThat(Files.readString(active)).contains(afterRoll);
        assertThat(archives(dir)).noneMatch(name -> name.startsWith(LogFiles.ACTIVE));
        Path archive = dir.resolve(LogArchiver.ARCHIVE_DIR).resolve(rolled.getFileName() + LogArchiver.SUFFIX);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = DecryptLogArchiveCommand.run(new String[] {DecryptLogArchiveCommand.NAME, archive.toString(),
                "--btob.data-dir=" + DATA_DIR}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(DecryptLogArchiveCommand.OK);
        assertThat(out.toByteArray()).isEqualTo(rolledContent);
        List<JsonNode> lines = out.toString(StandardCharsets.UTF_8).lines().map(JSON::readTree).toList();
        assertThat(lines).allSatisfy(line -> assertThat(line.path("ecs").path("version").asString()).isNotEmpty());
        assertThat(lines).anySatisfy(line -> assertThat(line.path("message").asString()).contains(marker));
    }

    private static Optional<Path> rolledWith(Path dir, String marker) throws IOException {
        for (Path file : rolledFiles(dir)) {
            if (Files.readString(file).contains(marker)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    private static List<Path> rolledFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(LogFiles::isRolled).sorted().toList();
        }
    }

    private static List<String> archives(Path dir) {
        try (Stream<Path> files = Files.list(dir.resolve(LogArchiver.ARCHIVE_DIR))) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
