package jp.btob.platform.system.logging;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How the platform writes, archives and keeps its logs (OPS-LOG).
 *
 * @param format          {@code json} (the default) for one Elastic Common Schema object per line,
 *                        what log shippers expect; {@code plain} for text that developers read in
 *                        a terminal. It concerns the console; the file is always JSON
 * @param dir             where the log file is written and rolled, with the encrypted archives in
 *                        its {@code archive} directory
 * @param fileEnabled     whether the logs are also written to a file in {@code dir}
 * @param maxFileSize     the size at which the log file rolls, besides rolling every day
 * @param archiveInterval how often rolled files are archived and expired archives deleted
 * @param retention       how long an archive is kept after its file rolled; it must be set,
 *                        since logs are never kept forever
 */
@Validated
@ConfigurationProperties("btob.log")
public record LoggingProperties(@NotNull Format format, Path dir, Boolean fileEnabled, DataSize maxFileSize,
                                Duration archiveInterval, Duration retention) {

    static final Duration MIN_RETENTION = Duration.ofDays(1);

    public LoggingProperties {
        fileEnabled = fileEnabled == null || fileEnabled;
        if (dir == null) {
            throw new IllegalArgumentException("btob.log.dir (BTOB_LOG_DIR) is empty: give the directory of the "
                    + "log files and their archives");
        }
        // As the logging set-up resolves it, so that the archive job looks where Logback writes.
        dir = dir.toAbsolutePath().normalize();
        if (maxFileSize == null || maxFileSize.toBytes() <= 0) {
            throw new IllegalArgumentException("btob.log.max-file-size (BTOB_LOG_MAX_FILE_SIZE) must be more than 0, "
                    + "e.g. 100MB");
        }
        if (archiveInterval == null || archiveInterval.isNegative() || archiveInterval.isZero()) {
            throw new IllegalArgumentException("btob.log.archive-interval (BTOB_LOG_ARCHIVE_INTERVAL) must be more "
                    + "than 0, e.g. 1h");
        }
        if (retention == null) {
            throw new IllegalArgumentException("btob.log.retention (BTOB_LOG_RETENTION) is empty: archived logs are "
                    + "deleted after the retention period and are never kept forever; give a period of at least 1d, "
                    + "e.g. 365d");
        }
        if (retention.compareTo(MIN_RETENTION) < 0) {
            throw new IllegalArgumentException("btob.log.retention (BTOB_LOG_RETENTION) is " + retention
                    + ": the retention period must be at least 1d (logs are never kept forever, nor deleted as "
                    + "soon as archived), e.g. 365d");
        }
    }

    public enum Format {
        JSON, PLAIN
    }
}
