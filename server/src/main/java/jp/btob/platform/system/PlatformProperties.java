package jp.btob.platform.system;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings that concern the whole platform.
 *
 * @param dataDir where the platform keeps what it creates for itself on first run: the
 *                embedded database and the self-signed certificate
 */
@Validated
@ConfigurationProperties("btob")
public record PlatformProperties(@NotNull Path dataDir) {
}
