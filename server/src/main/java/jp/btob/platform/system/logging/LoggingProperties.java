package jp.btob.platform.system.logging;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the platform writes its logs.
 *
 * @param format {@code json} (the default) for one Elastic Common Schema object per line, what
 *               log shippers expect; {@code plain} for text that developers read in a terminal
 */
@Validated
@ConfigurationProperties("btob.log")
public record LoggingProperties(@NotNull Format format) {

    public enum Format {
        JSON, PLAIN
    }
}
