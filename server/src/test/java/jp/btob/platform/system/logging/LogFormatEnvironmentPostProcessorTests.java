package jp.btob.platform.system.logging;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** btob.log.format chooses between JSON lines and plain text before the logging system starts. */
class LogFormatEnvironmentPostProcessorTests {

    private final LogFormatEnvironmentPostProcessor processor = new LogFormatEnvironmentPostProcessor();

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
}
