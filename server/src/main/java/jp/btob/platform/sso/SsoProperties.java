package jp.btob.platform.sso;

import java.net.URI;
import java.time.Duration;

import jp.btob.platform.system.CircuitSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Single sign-on's settings.
 *
 * @param publicUrl            the platform's public address, for the redirect URI given to
 *                             providers; none: the request's own scheme and host
 * @param allowInsecureIssuers accepts {@code http} issuers and SSO URLs, for demos and tests only
 * @param timeout              the time limit of one call to a provider
 * @param stateLifetime        how long a sign-in under way may take
 * @param metadataLifetime     how long a provider's discovery document and keys are kept
 * @param keyRefetchInterval   the least time between two reads of a provider's keys forced by
 *                             a key ID it has not published, so forged tokens cannot make the
 *                             platform hammer the provider
 * @param clockSkew            how far a provider's clock may be off in the times of its tokens
 * @param circuit              when a provider's circuit opens and for how long
 */
@ConfigurationProperties("btob.sso")
public record SsoProperties(URI publicUrl, boolean allowInsecureIssuers, Duration timeout, Duration stateLifetime,
                            Duration metadataLifetime, Duration keyRefetchInterval, Duration clockSkew,
                            CircuitSettings circuit) {

    public SsoProperties {
        publicUrl = publicUrl == null || publicUrl.toString().isBlank() ? null : publicUrl;
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        stateLifetime = stateLifetime == null ? Duration.ofMinutes(10) : stateLifetime;
        metadataLifetime = metadataLifetime == null ? Duration.ofHours(1) : metadataLifetime;
        keyRefetchInterval = keyRefetchInterval == null ? Duration.ofMinutes(1) : keyRefetchInterval;
        clockSkew = clockSkew == null ? Duration.ofSeconds(60) : clockSkew;
        circuit = circuit == null ? CircuitSettings.defaults() : circuit;
        if (publicUrl != null && !"https".equals(publicUrl.getScheme())) {
            throw new IllegalArgumentException("btob.sso.public-url (BTOB_SSO_PUBLIC_URL) must be an https URL, not "
                    + publicUrl);
        }
        for (Duration positive : new Duration[] {timeout, stateLifetime, metadataLifetime}) {
            if (positive.isNegative() || positive.isZero()) {
                throw new IllegalArgumentException("btob.sso timeout, state-lifetime and metadata-lifetime must be "
                        + "positive, not " + positive);
            }
        }
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("btob.sso.clock-skew (BTOB_SSO_CLOCK_SKEW) must be 0 to 5 minutes, not "
                    + clockSkew);
        }
    }
}
