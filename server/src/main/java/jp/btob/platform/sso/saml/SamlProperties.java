package jp.btob.platform.sso.saml;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the platform's SAML service provider behaves.
 *
 * @param clockSkew       how far the IdP's clock may be from the platform's when validity times
 *                        are checked (0 to 10 minutes)
 * @param requestLifetime how long an AuthnRequest waits for its answer (1 to 60 minutes)
 * @param purgeInterval   how often expired requests and assertion records are removed; 0 runs no
 *                        purge on this instance
 */
@ConfigurationProperties("btob.sso.saml")
public record SamlProperties(Duration clockSkew, Duration requestLifetime, Duration purgeInterval) {

    public SamlProperties {
        clockSkew = clockSkew == null ? Duration.ofMinutes(2) : clockSkew;
        requestLifetime = requestLifetime == null ? Duration.ofMinutes(10) : requestLifetime;
        purgeInterval = purgeInterval == null ? Duration.ofMinutes(10) : purgeInterval;
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("btob.sso.saml.clock-skew must be 0 to 10 minutes, was " + clockSkew);
        }
        if (requestLifetime.compareTo(Duration.ofMinutes(1)) < 0 || requestLifetime.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("btob.sso.saml.request-lifetime must be 1 to 60 minutes, was "
                    + requestLifetime);
        }
        if (purgeInterval.isNegative()) {
            throw new IllegalArgumentException("btob.sso.saml.purge-interval must not be negative, was " + purgeInterval);
        }
    }
}
