package jp.btob.platform.system.net;

import java.util.List;
import java.util.Optional;

/**
 * A list of CIDR ranges parsed once, asked many times: the address is parsed once per question
 * and compared with each range without allocating. Entries that are not ranges never match.
 */
public final class CidrRanges {

    private final List<CidrRange> ranges;

    private CidrRanges(List<CidrRange> ranges) {
        this.ranges = ranges;
    }

    /** The ranges written in {@code cidrs}, in order, the malformed ones left out. */
    public static CidrRanges parse(List<String> cidrs) {
        return new CidrRanges(cidrs.stream().map(CidrRange::parse).flatMap(Optional::stream).toList());
    }

    /** Whether the address, an IP literal, is in any of the ranges; false for anything that is not an IP literal. */
    public boolean contains(String address) {
        byte[] mapped = CidrRange.mappedLiteral(address);
        if (mapped == null) {
            return false;
        }
        for (CidrRange range : ranges) {
            if (range.containsMapped(mapped)) {
                return true;
            }
        }
        return false;
    }
}
