package jp.btob.platform.system.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

import io.netty.util.NetUtil;

/**
 * An IPv4 or IPv6 address range in CIDR notation (SEC-IP). Every address is held in the
 * 128-bit IPv6 space, an IPv4 address as its IPv4-mapped form ({@code ::ffff:a.b.c.d}), so that
 * {@code 192.0.2.7} and {@code ::ffff:192.0.2.7} are one address, {@code 0.0.0.0/0} is every IPv4
 * address and {@code ::/0} every address. Text is parsed as a literal only, never looked up in DNS.
 */
public final class CidrRange {

    private final byte[] network;

    private final int prefix;

    private final String text;

    private CidrRange(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /**
     * The range written as {@code address/prefix}, or a single address without a prefix;
     * empty if it is not one, or if it has bits set after the prefix.
     */
    public static Optional<CidrRange> parse(String cidr) {
        if (cidr == null) {
            return Optional.empty();
        }
        String trimmed = cidr.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] raw = literal(address);
        if (raw == null) {
            return Optional.empty();
        }
        int maxPrefix = raw.length * 8;
        int prefix = maxPrefix;
        if (slash >= 0) {
            String digits = trimmed.substring(slash + 1);
            if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            prefix = Integer.parseInt(digits);
            if (prefix > maxPrefix) {
                return Optional.empty();
            }
        }
        byte[] mapped = mapped(raw);
        int mappedPrefix = prefix + (128 - maxPrefix);
        if (!Arrays.equals(mapped, mask(mapped, mappedPrefix))) {
            return Optional.empty();
        }
        return Optional.of(new CidrRange(mapped, mappedPrefix, trimmed));
    }

    /**
     * The range written with its host bits cleared ({@code 10.1.2.3/8} as {@code 10.0.0.0/8}),
     * to suggest a correction; empty if the text is not an address with a prefix.
     */
    public static Optional<String> networkOf(String cidr) {
        int slash = cidr == null ? -1 : cidr.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        byte[] raw = literal(cidr.substring(0, slash).trim());
        String digits = cidr.substring(slash + 1).trim();
        if (raw == null || digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)
                || Integer.parseInt(digits) > raw.length * 8) {
            return Optional.empty();
        }
        try {
            // From bytes: no lookup.
            return Optional.of(InetAddress.getByAddress(mask(raw, Integer.parseInt(digits))).getHostAddress()
                    + "/" + digits);
        }
        catch (UnknownHostException ex) {
            return Optional.empty();
        }
    }

    /** Whether the address, an IP literal, is in this range; false for anything that is not an IP literal. */
    public boolean contains(String address) {
        byte[] mapped = mappedLiteral(address);
        return mapped != null && containsMapped(mapped);
    }

    /** Whether the address, in the 128-bit space, is in this range: whole bytes compared, then the prefix's last bits. */
    boolean containsMapped(byte[] mapped) {
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) {
            if (mapped[i] != network[i]) {
                return false;
            }
        }
        int bits = prefix % 8;
        return bits == 0 || ((mapped[whole] ^ network[whole]) & (0xff << (8 - bits)) & 0xff) == 0;
    }

    /** The IP literal in the 128-bit space, or null when the text is not one. */
    static byte[] mappedLiteral(String address) {
        byte[] raw = literal(address);
        return raw == null ? null : mapped(raw);
    }

    /** Whether the text is an IPv4 or IPv6 literal. */
    public static boolean isAddress(String address) {
        return literal(address) != null;
    }

    /** The prefix length in the 128-bit space: an IPv4 /24 is 120. */
    int mappedPrefix() {
        return prefix;
    }

    @Override
    public String toString() {
        return text;
    }

    private static byte[] literal(String address) {
        // No zone IDs (fe80::1%eth0): a zone is local to one host and means nothing in a list.
        if (address == null || address.isEmpty() || address.indexOf('%') >= 0) {
            return null;
        }
        return NetUtil.createByteArrayFromIpAddressString(address);
    }

    private static byte[] mapped(byte[] raw) {
        if (raw.length == 16) {
            return raw;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(raw, 0, mapped, 12, 4);
        return mapped;
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = new byte[address.length];
        for (int i = 0; i < address.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            masked[i] = (byte) (address[i] & (0xff << (8 - bits)));
        }
        return masked;
    }
}
