package jp.btob.platform.system.logging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/** Reads back what Logback wrote to the log files (the active one and the rolled ones), a moment after it was logged. */
public final class LogFileText {

    private LogFileText() {
    }

    /** The text of the active and the rolled log files in the directory. */
    public static String of(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            StringBuilder text = new StringBuilder();
            for (Path file : files.filter(file -> file.getFileName().toString().equals(LogFiles.ACTIVE)
                    || LogFiles.isRolled(file)).sorted().toList()) {
                text.append(Files.readString(file, StandardCharsets.UTF_8));
            }
            return text.toString();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Whether the text shows up in the log files within the time the async file appender needs. */
    public static boolean appears(Path dir, String text) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> of(dir).contains(text), found -> found);
    }
}
