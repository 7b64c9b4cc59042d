package jp.btob.platform.sso.saml;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the platform's SAML service provider keeps its state; its clock skew and the time a
 * sign-in may take are single sign-on's ({@code btob.sso.clock-skew}, {@code state-lifetime}).
 *
 * @param purgeInterval how often expired requests and assertion records are removed; 0 runs no
 *                      purge on this instance
 */
@ConfigurationProperties("btob.sso.saml")
public record SamlProperties(Duration purgeInterval) {

    public SamlProperties {
        purgeInterval = purgeInterval == null ? Duration.ofMinutes(10) : purgeInterval;
        if (purgeInterval.isNegative()) {
            throw new IllegalArgumentException("btob.sso.saml.purge-interval must not be negative, was " + purgeInterval);
        }
    }
}
