package jp.btob.platform.identity;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How sessions behave.
 *
 * @param lifetime   how long a session lasts from login, whatever its activity
 * @param cookieName the name of the HttpOnly cookie that carries the token for browsers
 */
@Validated
@ConfigurationProperties("btob.session")
public record SessionProperties(@NotNull Duration lifetime, @NotBlank String cookieName) {

    public SessionProperties {
        if (lifetime != null && (lifetime.isNegative() || lifetime.isZero())) {
            throw new IllegalArgumentException("btob.session.lifetime must be positive, was " + lifetime);
        }
    }
}
