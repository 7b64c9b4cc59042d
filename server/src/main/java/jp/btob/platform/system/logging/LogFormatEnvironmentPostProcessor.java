package jp.btob.platform.system.logging;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns {@code btob.log.format} into Spring Boot's logging settings. It has to run before the
 * logging system starts, which is before any bean exists, so the setting is bound here with the
 * same binder; a wrong value stops start-up with a message that names {@code btob.log.format}.
 */
public class LogFormatEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "btobLogFormat";

    /** ECS: a published schema with standard names (trace.id, client.address, user.id) that most log stores index as is. */
    static final String STRUCTURED_FORMAT = "ecs";

    /** Plain text shows the key-value pairs (trace.id, user.id, …) that JSON carries as fields. */
    static final String PLAIN_KEY_VALUES = "%kvp ";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        LoggingProperties.Format format = Binder.get(environment)
                .bind("btob.log.format", LoggingProperties.Format.class)
                .orElse(LoggingProperties.Format.JSON);
        Map<String, Object> settings = format == LoggingProperties.Format.JSON
                ? Map.of("logging.structured.format.console", STRUCTURED_FORMAT)
                : Map.of("logging.pattern.correlation", PLAIN_KEY_VALUES);
        // Added last, so that Spring Boot's own logging properties, set explicitly, still win.
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, settings));
    }

    @Override
    public int getOrder() {
        // After application.yml and the environment variables have been read.
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }
}
