package jp.btob.platform.system.net;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the platform sees the network in front of it.
 *
 * @param trustedProxies the CIDR ranges of the reverse proxies whose {@code X-Forwarded-For} is
 *                       believed (SEC-IP); empty, the default, believes no one and takes the
 *                       socket's address. An entry that is not a CIDR range stops start-up.
 * @param redirectPort   a plain-HTTP port that only redirects to HTTPS (308); null, the default,
 *                       opens none
 */
@ConfigurationProperties("btob.http")
public record HttpProperties(List<String> trustedProxies, Integer redirectPort) {

    public HttpProperties {
        trustedProxies = trustedProxies == null ? List.of()
                : trustedProxies.stream().map(String::trim).filter(entry -> !entry.isEmpty()).toList();
        if (redirectPort != null && (redirectPort < 0 || redirectPort > 65535)) {
            throw new IllegalArgumentException("btob.http.redirect-port must be a port number, not " + redirectPort);
        }
        for (String entry : trustedProxies) {
            if (CidrRange.parse(entry).isEmpty()) {
                throw new IllegalArgumentException("btob.http.trusted-proxies: '" + entry
                        + "' is not an IPv4 or IPv6 CIDR range with its host bits zero");
            }
        }
    }

    /** The trusted proxies' ranges. */
    public CidrRanges trustedRanges() {
        return CidrRanges.parse(trustedProxies);
    }
}
