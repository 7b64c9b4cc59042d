package jp.btob.platform.system.logging;

import java.nio.file.Path;
import java.time.Instant;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.rolling.helper.FileNamePattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** btob.log.* become Spring Boot's logging settings before the logging system starts: console format, file, rolling. */
class LoggingEnvironmentPostProcessorTests {

    private final LoggingEnvironmentPostProcessor processor = new LoggingEnvironmentPostProcessor();

    @Test
    @DisplayName("[OPS-LOG] by default the console writes ECS JSON")
    void formatUnsetThenEcs() {
        MockEnvironment environment = new MockEnvironment();

        processor.postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
    }

    @Test
    @DisplayName("[OPS-LOG] plain switches JSON off and shows the key-value fields in the text")
    void formatPlainThenNoStructuredFormat() {
        MockEnvironment environment = new MockEnvironment().withProperty("btob.log.format", "plain");

        processor.postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("logging.structured.format.console")).isNull();
        assertThat(environment.getProperty("logging.pattern.correlation")).isEqualTo("%kvp ");
    }

    @Test
    @DisplayName("[OPS-LOG] Spring Boot's own setting, given explicitly, wins over the platform's default")
    void bootSettingGivenThenKept() {
        MockEnvironment environment = new MockEnvironment().withProperty("logging.structured.format.console", "logstash");

        processor.postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("logstash");
    }

    @Test
    @DisplayName("[OPS-LOG] an unknown format stops start-up with a message naming btob.log.format")
    void formatUnknownThenStartupFailsNamingSetting() {
        MockEnvironment environment = new MockEnvironment().withProperty("btob.log.format", "yaml");

        assertThatThrownBy(() -> processor.postProcessEnvironment(environment, null))
                .isInstanceOf(BindException.class)
                .hasMessageContaining("btob.log.format");
    }

    @Test
    @DisplayName("[OPS-LOG] by default the logs also go to <data-dir>/logs/btob.log as ECS JSON, even when the console is plain")
    void dataDirThenFileInLogsAsJson() {
        MockEnvironment environment = new MockEnvironment().withProperty("btob.data-dir", "/var/lib/btob")
                .withProperty("btob.log.format", "plain");

        processor.postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("logging.file.name")).isEqualTo("/var/lib/btob/logs/btob.log");
        assertThat(environment.getProperty("logging.structured.format.file")).isEqualTo("ecs");
        assertThat(environment.getProperty("logging.structured.format.console")).isNull();
    }

    @Test
    @DisplayName("[OPS-LOG] the file rolls daily (UTC) and by btob.log.max-file-size, uncompressed, and Logback never deletes a rolled file")
    void fileThenRollsDailyAndBySizeWithoutDeleting() {
        MockEnvironment environment = new MockEnvironment().withProperty("btob.log.dir", "/srv/logs")
                .withProperty("btob.log.max-file-size", "5MB");

        processor.postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("logging.logback.rollingpolicy.file-name-pattern"))
                .isEqualTo("/srv/logs/btob-%d{yyyy-MM-dd,UTC}.%i.log");
        assertThat(environment.getProperty("logging.logback.rollingpolicy.max-file-size")).isEqualTo("5242880");
        assertThat(environment.getProperty("logging.logback.rollingpolicy.max-history")).isEqualTo("0");
        assertThat(environment.getProperty("logging.logback.rollingpolicy.total-size-cap")).isEqualTo("0");
        assertThat(environment.getProperty("logging.logback.rollingpolicy.clean-history-on-start")).isEqualTo("false");
    }

    @Test
    @DisplayName("[OPS-LOG] the names Logback gives rolled files are the ones the archive job takes; the active file's is not")
    void rolledNamesThenRecognisedByArchiveJob() {
        FileNamePattern pattern = new FileNamePattern(LogFiles.ROLLED_PATTERN, new LoggerContext());

        String rolled = pattern.convertMultipleArguments(Instant.parse("2026-03-31T23:59:59Z"), 12);

        assertThat(rolled).isEqualTo("btob-2026-03-31.12.log");
        assertThat(LogFiles.isRolled(Path.of("/srv/logs", rolled))).isTrue();
        assertThat(LogFiles.isRolled(Path.of("/srv/logs", LogFiles.ACTIVE))).isFalse();
        assertThat(LogFiles.isRolled(Path.of("/srv/logs", rolled + ".gz"))).isFalse();
    }

    @Test
    @DisplayName("[OPS-LOG] where the file is and how it rolls come from btob.log.* only, so the archive job always finds it")
    void bootFileSettingsGivenThenPlatformsWin() {
        MockEnvironment environment = new MockEnvironment().withProperty("btob.log.dir", "/srv/logs")
                .withProperty("logging.file.name", "/elsewhere/app.log")
                .withProperty("logging.logback.rollingpolicy.max-history", "7");

        processor.postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("logging.file.name")).isEqualTo("/srv/logs/btob.log");
        assertThat(environment.getProperty("logging.logback.rollingpolicy.max-history")).isEqualTo("0");
    }

    @Test
    @DisplayName("[OPS-LOG] btob.log.file-enabled=false writes no file")
    void fileDisabledThenNoFile() {
        MockEnvironment environment = new MockEnvironment().withProperty("btob.log.dir", "/srv/logs")
                .withProperty("btob.log.file-enabled", "false");

        processor.postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("logging.file.name")).isNull();
        assertThat(environment.getProperty("logging.logback.rollingpolicy.file-name-pattern")).isNull();
    }
}
