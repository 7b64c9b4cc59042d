package jp.btob.platform.operator;

import java.time.Duration;

import jakarta.validation.Valid;
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
 * @param lockout         how many wrong passwords and codes lock an operator, and for how long
 */
@Validated
@ConfigurationProperties("btob.operator")
public record OperatorProperties(@NotNull Duration sessionLifetime, @NotBlank String cookieName,
                                 @Valid @NotNull Lockout lockout) {

    public OperatorProperties {
        if (sessionLifetime != null && (sessionLifetime.isNegative() || sessionLifetime.isZero())) {
            throw new IllegalArgumentException("btob.operator.session-lifetime must be positive, was " + sessionLifetime);
        }
    }

    /**
     * The operators' lockout: {@code maxFailures} wrong passwords or codes within {@code window}
     * lock the operator for {@code duration}.
     */
    public record Lockout(int maxFailures, @NotNull Duration window, @NotNull Duration duration) {

        public Lockout {
            if (maxFailures < 1 || maxFailures > 20) {
                throw new IllegalArgumentException("btob.operator.lockout.max-failures must be 1 to 20, was " + maxFailures);
            }
            for (Duration period : new Duration[] {window, duration}) {
                if (period != null && (period.isNegative() || period.isZero())) {
                    throw new IllegalArgumentException("btob.operator.lockout.window and .duration must be positive, was "
                            + period);
                }
            }
        }
    }
}
