package jp.btob.platform.system.net;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** CIDR parsing and matching at the edges: /0, /32, /128, /64, IPv4-mapped IPv6, and text that is no range. */
class CidrRangeTests {

    private static CidrRange range(String cidr) {
        return CidrRange.parse(cidr).orElseThrow(() -> new AssertionError(cidr + " should parse"));
    }

    @Test
    @DisplayName("[SEC-IP] an IPv4 /32 contains its one address and not its neighbours; a bare address is the same as /32")
    void ipv4SlashThirtyTwoIsOneAddress() {
        CidrRange host = range("203.0.113.7/32");
        assertThat(host.contains("203.0.113.7")).isTrue();
        assertThat(host.contains("203.0.113.6")).isFalse();
        assertThat(host.contains("203.0.113.8")).isFalse();
        CidrRange bare = range("203.0.113.7");
        assertThat(bare.contains("203.0.113.7")).isTrue();
        assertThat(bare.contains("203.0.113.70")).isFalse();
    }

    @Test
    @DisplayName("[SEC-IP] an IPv4 /24 contains .0 to .255 of its network, nothing of the next; /31 and /1 split where they should")
    void ipv4PrefixBoundaries() {
        CidrRange net = range("198.51.100.0/24");
        assertThat(net.contains("198.51.100.0")).isTrue();
        assertThat(net.contains("198.51.100.255")).isTrue();
        assertThat(net.contains("198.51.101.0")).isFalse();
        assertThat(net.contains("198.51.99.255")).isFalse();
        assertThat(range("10.0.0.0/31").contains("10.0.0.1")).isTrue();
        assertThat(range("10.0.0.0/31").contains("10.0.0.2")).isFalse();
        assertThat(range("128.0.0.0/1").contains("255.255.255.255")).isTrue();
        assertThat(range("128.0.0.0/1").contains("127.255.255.255")).isFalse();
    }

    @Test
    @DisplayName("[SEC-IP] 0.0.0.0/0 contains every IPv4 address and no IPv6 one; ::/0 contains every address")
    void slashZero() {
        CidrRange allV4 = range("0.0.0.0/0");
        assertThat(allV4.contains("0.0.0.0")).isTrue();
        assertThat(allV4.contains("255.255.255.255")).isTrue();
        assertThat(allV4.contains("2001:db8::1")).isFalse();
        CidrRange all = range("::/0");
        assertThat(all.contains("2001:db8::1")).isTrue();
        assertThat(all.contains("192.0.2.1")).isTrue();
    }

    @Test
    @DisplayName("[SEC-IP] an IPv6 /64 contains every interface ID of its subnet and nothing of the neighbouring subnet; /128 is one address in any spelling")
    void ipv6SlashSixtyFourAndOneTwentyEight() {
        CidrRange subnet = range("2001:db8:1:2::/64");
        assertThat(subnet.contains("2001:db8:1:2::")).isTrue();
        assertThat(subnet.contains("2001:db8:1:2:ffff:ffff:ffff:ffff")).isTrue();
        assertThat(subnet.contains("2001:0DB8:0001:0002:0000:0000:0000:0001")).isTrue();
        assertThat(subnet.contains("2001:db8:1:3::")).isFalse();
        assertThat(subnet.contains("2001:db8:1:1:ffff:ffff:ffff:ffff")).isFalse();
        CidrRange host = range("2001:db8::1/128");
        assertThat(host.contains("2001:db8:0:0:0:0:0:1")).isTrue();
        assertThat(host.contains("2001:db8::2")).isFalse();
        assertThat(range("::1").contains("0:0:0:0:0:0:0:1")).isTrue();
    }

    @Test
    @DisplayName("[SEC-IP] an IPv4-mapped IPv6 address is its IPv4 address, both as the client and in the list")
    void ipv4MappedIsNormalised() {
        assertThat(range("192.0.2.0/24").contains("::ffff:192.0.2.33")).isTrue();
        assertThat(range("192.0.2.0/24").contains("::ffff:c000:221")).isTrue();
        assertThat(range("192.0.2.0/24").contains("::ffff:192.0.3.1")).isFalse();
        assertThat(range("::ffff:192.0.2.0/120").contains("192.0.2.200")).isTrue();
        assertThat(range("::ffff:192.0.2.0/120").contains("192.0.3.200")).isFalse();
        assertThat(range("::ffff:0:0/96").contains("8.8.8.8")).isTrue();
        // Only the mapped form is the IPv4 address: the deprecated compatible form ::a.b.c.d is not.
        assertThat(range("192.0.2.0/24").contains("::c000:221")).isFalse();
    }

    @Test
    @DisplayName("[SEC-IP] text that is no range is refused: host bits set, prefix too long or missing, names, zones, garbage")
    void invalidRangesRefused() {
        for (String bad : new String[] {"10.0.0.1/8", "2001:db8::1/64", "10.0.0.0/33", "::/129", "10.0.0.0/",
                "10.0.0.0/-1", "10.0.0.0/ 8", "10.0.0.0/08a", "localhost", "example.com", "fe80::1%eth0",
                "256.0.0.0", "1.2.3", "", " ", "10.0.0.0/8/8", "::ffff:192.0.2.1/24"}) {
            assertThat(CidrRange.parse(bad)).as(bad).isEmpty();
        }
        assertThat(CidrRange.parse(null)).isEmpty();
        assertThat(range("10.0.0.0/8").contains("localhost")).isFalse();
        assertThat(range("10.0.0.0/8").contains(null)).isFalse();
    }

    @Test
    @DisplayName("[SEC-IP] a range with host bits set is answered with its network, to suggest the correction")
    void networkOfSuggestsCorrection() {
        assertThat(CidrRange.networkOf("10.1.2.3/8")).contains("10.0.0.0/8");
        assertThat(CidrRange.networkOf("2001:db8::1/64")).hasValueSatisfying(
                text -> assertThat(CidrRange.parse(text)).isPresent());
        assertThat(CidrRange.networkOf("nonsense/8")).isEmpty();
    }
}
