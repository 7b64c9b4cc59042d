package jp.btob.platform.operator;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How operator sessions behave.
 *
 * @param sessionLifetime how long an operator session lasts from login, whatever its activity
 * @param cookieName      the name of the HttpOnly cookie that carries the token for browsers, sent
 *                        to the operators' API only
 */
@Validated
@ConfigurationProperties("btob.operator")
public record OperatorProperties(@NotNull Duration sessionLifetime, @NotBlank String cookieName) {

    public OperatorProperties {
        if (sessionLifetime != null && (sessionLifetime.isNegative() || sessionLifetime.isZero())) {
            throw new IllegalArgumentException("btob.operator.session-lifetime must be positive, was " + sessionLifetime);
        }
    }
}
