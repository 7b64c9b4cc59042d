package jp.btob.platform.system.logging;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/** The btob.log settings as start-up binds them from application.yml: defaults, and a wrong value stopping start-up. */
class LoggingPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(Settings.class)
            .withPropertyValues("btob.data-dir=/var/lib/btob");

    @Test
    @DisplayName("[OPS-LOG] by default logs go to <data-dir>/logs, roll at 100MB, are archived hourly and kept 365 days")
    void unsetThenDefaults() {
        runner.run(context -> {
            LoggingProperties properties = context.getBean(LoggingProperties.class);
            assertThat(properties.dir()).isEqualTo(Path.of("/var/lib/btob/logs"));
            assertThat(properties.fileEnabled()).isTrue();
            assertThat(properties.maxFileSize()).isEqualTo(DataSize.ofMegabytes(100));
            assertThat(properties.archiveInterval()).isEqualTo(Duration.ofHours(1));
            assertThat(properties.retention()).isEqualTo(Duration.ofDays(365));
        });
    }

    @Test
    @DisplayName("[OPS-LOG] a retention period that is empty, 0, negative, under a day or not a duration stops start-up naming btob.log.retention")
    void retentionBadThenStartupFailsNamingSetting() {
        for (String retention : new String[] {"", "0", "0d", "-30d", "12h", "forever"}) {
            runner.withPropertyValues("btob.log.retention=" + retention).run(context -> {
                assertThat(context).as("retention '%s'", retention).hasFailed();
                assertThat(messages(context.getStartupFailure())).as("retention '%s'", retention)
                        .contains("btob.log.retention");
            });
        }
    }

    @Test
    @DisplayName("[OPS-LOG] an empty retention is refused as keeping logs forever, with an example of a valid value")
    void retentionEmptyThenMessageSaysNotForever() {
        runner.withPropertyValues("btob.log.retention=").run(context -> assertThat(context.getStartupFailure())
                .rootCause().message().contains("BTOB_LOG_RETENTION").contains("never kept forever").contains("365d"));
    }

    @Test
    @DisplayName("[OPS-LOG] a zero archive interval or file size stops start-up naming the setting")
    void intervalOrSizeZeroThenStartupFails() {
        runner.withPropertyValues("btob.log.archive-interval=0s").run(context -> assertThat(context.getStartupFailure())
                .rootCause().message().contains("btob.log.archive-interval"));
        runner.withPropertyValues("btob.log.max-file-size=0").run(context -> assertThat(context.getStartupFailure())
                .rootCause().message().contains("btob.log.max-file-size"));
    }

    /** The messages of the failure and all its causes: a binding failure names the setting on the outside. */
    private static String messages(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        return messages.toString();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(LoggingProperties.class)
    static class Settings {
    }
}
