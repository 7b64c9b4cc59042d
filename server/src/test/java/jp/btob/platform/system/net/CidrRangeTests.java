package jp.btob.platform.system.net;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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

    @Test
    @DisplayName("[SEC-IP] a list parsed once answers as each range parsed alone and as 128-bit arithmetic does, over 20,000 random ranges and addresses at their edges, IPv4 and IPv6")
    void rangesWhenParsedOnceThenSameAnswersAsReference() throws UnknownHostException {
        Random random = new Random(20261127);
        for (int round = 0; round < 2_000; round++) {
            List<String> texts = new ArrayList<>();
            List<BigInteger[]> reference = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(4); i++) {
                boolean v4 = random.nextBoolean();
                int prefix = random.nextInt(v4 ? 33 : 129);
                byte[] raw = new byte[v4 ? 4 : 16];
                random.nextBytes(raw);
                String network = CidrRange.networkOf(InetAddress.getByAddress(raw).getHostAddress() + "/" + prefix).orElseThrow();
                texts.add(network);
                int mappedPrefix = prefix + (v4 ? 96 : 0);
                reference.add(new BigInteger[] {mapped(raw).shiftRight(128 - mappedPrefix), BigInteger.valueOf(mappedPrefix)});
            }
            texts.add("not a range");
            CidrRanges ranges = CidrRanges.parse(texts);
            for (int probe = 0; probe < 10; probe++) {
                // An address near a range: its network with a few random bits flipped.
                BigInteger[] near = reference.get(random.nextInt(reference.size()));
                int mappedPrefix = near[1].intValue();
                boolean v4 = mappedPrefix >= 96 && random.nextInt(4) > 0;
                byte[] raw = new byte[v4 ? 4 : 16];
                random.nextBytes(raw);
                if (random.nextBoolean()) {
                    byte[] network = near[0].shiftLeft(128 - mappedPrefix).toByteArray();
                    byte[] full = new byte[16];
                    System.arraycopy(network, Math.max(0, network.length - 16), full, Math.max(0, 16 - network.length),
                            Math.min(16, network.length));
                    full[random.nextInt(16)] ^= (byte) (1 << random.nextInt(8));
                    raw = v4 ? java.util.Arrays.copyOfRange(full, 12, 16) : full;
                }
                String address = InetAddress.getByAddress(raw).getHostAddress();
                BigInteger value = mapped(raw);
                boolean expected = reference.stream().anyMatch(r ->
                        value.shiftRight(128 - r[1].intValue()).equals(r[0]));
                assertThat(ranges.contains(address)).as("%s in %s", address, texts).isEqualTo(expected);
                assertThat(texts.stream().flatMap(text -> CidrRange.parse(text).stream()).anyMatch(r -> r.contains(address)))
                        .as("%s in %s, one range at a time", address, texts).isEqualTo(expected);
            }
        }
        assertThat(CidrRanges.parse(List.of("10.0.0.0/8")).contains("example.com")).isFalse();
        assertThat(CidrRanges.parse(List.of("::/0")).contains("fe80::1%eth0")).isFalse();
    }

    /** The address in the 128-bit space, an IPv4 address as its IPv4-mapped form. */
    private static BigInteger mapped(byte[] raw) {
        BigInteger value = new BigInteger(1, raw);
        return raw.length == 4 ? value.or(BigInteger.valueOf(0xffffL).shiftLeft(32)) : value;
    }
}
