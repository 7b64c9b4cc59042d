package jp.btob.platform.identity.mfa;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How second-factor codes behave.
 *
 * @param codeLifetime   how long a sent code works (default 5 minutes, at most 10)
 * @param maxAttempts    verifications a challenge takes before it dies (1 to 5, default 5)
 * @param maxResends     new codes one challenge may ask for (0 to 5, default 3)
 * @param resendInterval the least time between two codes of one challenge (default 30 seconds)
 * @param issuer         the name authenticator apps show for the platform
 */
@ConfigurationProperties("btob.mfa")
public record MfaProperties(Duration codeLifetime, Integer maxAttempts, Integer maxResends, Duration resendInterval,
                            String issuer) {

    static final Duration MAX_LIFETIME = Duration.ofMinutes(10);

    public MfaProperties {
        codeLifetime = codeLifetime == null ? Duration.ofMinutes(5) : codeLifetime;
        maxAttempts = maxAttempts == null ? 5 : maxAttempts;
        maxResends = maxResends == null ? 3 : maxResends;
        resendInterval = resendInterval == null ? Duration.ofSeconds(30) : resendInterval;
        issuer = issuer == null || issuer.isBlank() ? "BtoB Platform" : issuer;
        if (codeLifetime.isNegative() || codeLifetime.isZero() || codeLifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("btob.mfa.code-lifetime (BTOB_MFA_CODE_LIFETIME) must be positive and at most "
                    + MAX_LIFETIME + ", not " + codeLifetime);
        }
        if (maxAttempts < 1 || maxAttempts > 5) {
            throw new IllegalArgumentException("btob.mfa.max-attempts must be 1 to 5, not " + maxAttempts);
        }
        if (maxResends < 0 || maxResends > 5) {
            throw new IllegalArgumentException("btob.mfa.max-resends must be 0 to 5, not " + maxResends);
        }
        if (resendInterval.isNegative()) {
            throw new IllegalArgumentException("btob.mfa.resend-interval must not be negative, not " + resendInterval);
        }
    }
}
