package jp.btob.platform.system.net;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Client address resolution: the socket's peer unless it is a trusted proxy, then the right-most untrusted X-Forwarded-For hop. */
class ClientAddressesTests {

    private static final CidrRanges PROXIES = new HttpProperties(List.of("10.0.0.0/8", "2001:db8:ffff::/48"), null)
            .trustedRanges();

    @Test
    @DisplayName("[SEC-IP] with no trusted proxy, X-Forwarded-For is ignored and the socket's address counts")
    void noTrustedProxyThenSocket() {
        assertThat(ClientAddresses.resolve("198.51.100.7", List.of("203.0.113.1"), CidrRanges.parse(List.of()))).isEqualTo("198.51.100.7");
    }

    @Test
    @DisplayName("[SEC-IP] a spoofed X-Forwarded-For from an untrusted peer changes nothing")
    void untrustedPeerThenHeaderIgnored() {
        assertThat(ClientAddresses.resolve("198.51.100.7", List.of("203.0.113.1, 10.0.0.5"), PROXIES))
                .isEqualTo("198.51.100.7");
    }

    @Test
    @DisplayName("[SEC-IP] behind trusted proxies the right-most untrusted hop counts, never what the client wrote left of it")
    void trustedPeerThenRightMostUntrusted() {
        assertThat(ClientAddresses.resolve("10.0.0.1", List.of("192.0.2.66, 203.0.113.9, 10.0.0.2"), PROXIES))
                .isEqualTo("203.0.113.9");
        // Several header lines are one list, in order.
        assertThat(ClientAddresses.resolve("10.0.0.1", List.of("192.0.2.66", "203.0.113.9", "10.9.9.9"), PROXIES))
                .isEqualTo("203.0.113.9");
        assertThat(ClientAddresses.resolve("2001:db8:ffff::1", List.of("2001:db8:1::5"), PROXIES))
                .isEqualTo("2001:db8:1::5");
        assertThat(ClientAddresses.resolve("::ffff:10.0.0.1", List.of("203.0.113.9"), PROXIES)).isEqualTo("203.0.113.9");
    }

    @Test
    @DisplayName("[SEC-IP] ports that proxies append are dropped; a hop that is no address stops the walk at the last trusted hop")
    void portsAndGarbage() {
        assertThat(ClientAddresses.resolve("10.0.0.1", List.of("203.0.113.9:51234"), PROXIES)).isEqualTo("203.0.113.9");
        assertThat(ClientAddresses.resolve("10.0.0.1", List.of("[2001:db8:1::5]:443"), PROXIES)).isEqualTo("2001:db8:1::5");
        assertThat(ClientAddresses.resolve("10.0.0.1", List.of("203.0.113.9, evil.example, 10.0.0.3"), PROXIES))
                .isEqualTo("10.0.0.3");
        assertThat(ClientAddresses.resolve("10.0.0.1", List.of("unknown"), PROXIES)).isEqualTo("10.0.0.1");
    }

    @Test
    @DisplayName("[SEC-IP] a trusted peer without the header, or with only trusted hops, is itself the left-most known address")
    void onlyTrustedHops() {
        assertThat(ClientAddresses.resolve("10.0.0.1", List.of(), PROXIES)).isEqualTo("10.0.0.1");
        assertThat(ClientAddresses.resolve("10.0.0.1", List.of("10.0.0.9, 10.0.0.8"), PROXIES)).isEqualTo("10.0.0.9");
        assertThat(ClientAddresses.resolve(null, List.of("203.0.113.9"), PROXIES)).isNull();
    }

    @Test
    @DisplayName("[SEC-IP] a trusted-proxy setting that is no CIDR range stops start-up")
    void invalidSettingRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new HttpProperties(List.of("proxy.example"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("proxy.example");
        assertThat(new HttpProperties(List.of("", " "), null).trustedProxies()).isEmpty();
        assertThat(new HttpProperties(null, null).trustedProxies()).isEmpty();
    }
}
