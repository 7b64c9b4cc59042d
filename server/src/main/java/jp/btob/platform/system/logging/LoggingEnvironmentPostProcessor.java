package jp.btob.platform.system.logging;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.unit.DataSize;

/**
 * Turns {@code btob.log.*} into Spring Boot's logging settings. It has to run before the logging
 * system starts, which is before any bean exists, so the settings are bound here with the same
 * binder; a wrong value stops start-up with a message that names the setting.
 */
public class LoggingEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "btobLogFormat";

    static final String FILE_SOURCE = "btobLogFile";

    /** ECS: a published schema with standard names (trace.id, client.address, user.id) that most log stores index as is. */
    static final String STRUCTURED_FORMAT = "ecs";

    /** Plain text shows the key-value pairs (trace.id, user.id, …) that JSON carries as fields. */
    static final String PLAIN_KEY_VALUES = "%kvp ";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Binder binder = Binder.get(environment);
        LoggingProperties.Format format = binder.bind("btob.log.format", LoggingProperties.Format.class)
                .orElse(LoggingProperties.Format.JSON);
        Map<String, Object> settings = new HashMap<>();
        if (format == LoggingProperties.Format.JSON) {
            settings.put("logging.structured.format.console", STRUCTURED_FORMAT);
        }
        else {
            settings.put("logging.pattern.correlation", PLAIN_KEY_VALUES);
        }
        Path dir = fileDirectory(binder);
        if (dir != null) {
            // The file is for machines and the archive, whatever the console shows.
            settings.put("logging.structured.format.file", STRUCTURED_FORMAT);
            // First, not last: the archive job relies on where and how the file rolls, and that
            // Logback itself neither compresses nor deletes a rolled file.
            environment.getPropertySources().addFirst(new MapPropertySource(FILE_SOURCE, Map.of(
                    "logging.file.name", dir.resolve(LogFiles.ACTIVE).toString(),
                    "logging.logback.rollingpolicy.file-name-pattern", dir.resolve(LogFiles.ROLLED_PATTERN).toString(),
                    "logging.logback.rollingpolicy.max-file-size", String.valueOf(maxFileSize(binder).toBytes()),
                    "logging.logback.rollingpolicy.max-history", "0",
                    "logging.logback.rollingpolicy.total-size-cap", "0",
                    "logging.logback.rollingpolicy.clean-history-on-start", "false")));
        }
        // Added last, so that Spring Boot's own format settings, set explicitly, still win.
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, settings));
    }

    /** The directory of the log file, or null when file logging is off. */
    private static Path fileDirectory(Binder binder) {
        if (!binder.bind("btob.log.file-enabled", Boolean.class).orElse(true)) {
            return null;
        }
        Path dir = binder.bind("btob.log.dir", Path.class)
                .orElseGet(() -> binder.bind("btob.data-dir", Path.class).map(data -> data.resolve("logs")).orElse(null));
        return dir == null ? null : dir.toAbsolutePath().normalize();
    }

    private static DataSize maxFileSize(Binder binder) {
        DataSize size = binder.bind("btob.log.max-file-size", DataSize.class).orElse(DataSize.ofMegabytes(100));
        if (size.toBytes() <= 0) {
            throw new IllegalArgumentException("btob.log.max-file-size (BTOB_LOG_MAX_FILE_SIZE) must be more than 0, "
                    + "e.g. 100MB");
        }
        return size;
    }

    @Override
    public int getOrder() {
        // After application.yml and the environment variables have been read.
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }
}
