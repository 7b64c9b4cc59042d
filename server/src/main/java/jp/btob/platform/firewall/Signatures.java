package jp.btob.platform.firewall;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule's signatures in the order they are tried, with, for each needle, the signatures whose
 * gate it may open: an alternative of a gate is open only when its first part is, so a value asks
 * only the gates that one of the needles found in it leads to, however many signatures there are.
 */
final class Signatures {

    private final Signature[] signatures;

    /** By needle number, the signatures (one bit each, in order) whose gate that needle may open. */
    private final long[] byNeedle;

    /** The signatures with an alternative that asks for nothing: always tried. */
    private final long always;

    Signatures(Signature... signatures) {
        if (signatures.length > Long.SIZE) {
            throw new IllegalArgumentException("at most " + Long.SIZE + " signatures to a rule");
        }
        this.signatures = signatures.clone();
        long[] byNeedle = new long[0];
        long always = 0;
        for (int index = 0; index < signatures.length; index++) {
            for (Gate.Any[] term : signatures[index].gate().terms()) {
                if (term.length == 0) {
                    always |= 1L << index;
                    continue;
                }
                long[] mask = term[0].mask();
                if (byNeedle.length < mask.length * Long.SIZE) {
                    byNeedle = Arrays.copyOf(byNeedle, mask.length * Long.SIZE);
                }
                for (int id = 0; id < mask.length * Long.SIZE; id++) {
                    if ((mask[id >>> 6] & 1L << id) != 0) {
                        byNeedle[id] |= 1L << index;
                    }
                }
            }
        }
        this.byNeedle = byNeedle;
        this.always = always;
    }

    /** What the first signature whose gate the needles open matches in the value, if any does. */
    Optional<String> first(String value, long[] hits) {
        long candidates = always;
        for (int word = 0; word < hits.length; word++) {
            for (long bits = hits[word]; bits != 0; bits &= bits - 1) {
                int id = word << 6 | Long.numberOfTrailingZeros(bits);
                if (id >= byNeedle.length) {
                    break;
                }
                candidates |= byNeedle[id];
            }
        }
        for (; candidates != 0; candidates &= candidates - 1) {
            Signature signature = signatures[Long.numberOfTrailingZeros(candidates)];
            if (signature.gate().open(hits)) {
                Matcher matcher = signature.pattern().matcher(value);
                if (matcher.find()) {
                    return Optional.of(matcher.group());
                }
            }
        }
        return Optional.empty();
    }

    /** A regular expression and what a value must contain for it to match. */
    record Signature(Pattern pattern, Gate.Flat gate) {
    }
}
