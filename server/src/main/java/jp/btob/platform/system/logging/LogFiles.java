package jp.btob.platform.system.logging;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The names of the log files in {@code btob.log.dir}: Logback writes the active one and rolls it
 * to a dated, numbered name; the archive job takes the rolled ones and never the active one.
 */
public final class LogFiles {

    /** The file Logback is writing. */
    public static final String ACTIVE = "btob.log";

    /** Logback's pattern for a rolled file: the UTC day and a counter, left uncompressed for the archive job. */
    static final String ROLLED_PATTERN = "btob-%d{yyyy-MM-dd,UTC}.%i.log";

    private static final Pattern ROLLED = Pattern.compile("btob-\\d{4}-\\d{2}-\\d{2}\\.\\d+\\.log");

    private LogFiles() {
    }

    /** Whether the file has a rolled log's name, which Logback no longer writes to. */
    public static boolean isRolled(Path file) {
        return ROLLED.matcher(file.getFileName().toString()).matches();
    }
}
