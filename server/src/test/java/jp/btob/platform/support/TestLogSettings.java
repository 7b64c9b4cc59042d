package jp.btob.platform.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * The log settings of every test context of this JVM. They have to be set before the logging
 * system starts, which is before a {@code @DynamicPropertySource} applies, and Logback is set up
 * once per JVM, by the first context: all contexts write into one temporary directory of the
 * run's own; the file rolls at 1 MB, so that a test can make it roll by writing; the tests run
 * the archive job themselves, and its schedule does not come round during a run.
 */
public class TestLogSettings implements EnvironmentPostProcessor, Ordered {

    public static final Path DIR = create();

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addFirst(new MapPropertySource("btobTestLogSettings", Map.of(
                "btob.log.dir", DIR.toString(),
                "btob.log.max-file-size", "1MB",
                "btob.log.archive-interval", "1d")));
    }

    @Override
    public int getOrder() {
        // Before the platform's logging post-processor reads btob.log.*.
        return ConfigDataEnvironmentPostProcessor.ORDER - 1;
    }

    private static Path create() {
        try {
            Path dir = Files.createTempDirectory("btob-test-logs-").toAbsolutePath();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> FileSystemUtils.deleteRecursively(dir.toFile())));
            return dir;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
