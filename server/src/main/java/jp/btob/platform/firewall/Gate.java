package jp.btob.platform.firewall;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a value must contain for a signature to have a chance, over the needles {@link Needles}
 * found in it: a signature whose gate is shut cannot match, so its regular expression is not run.
 * A gate must be sound: every text the signature matches opens it. Gates only ever ask for
 * needles, never for their absence, so a gate none of whose needles is found is shut. A gate is
 * written as {@link Any}, {@link All} and {@link Either}, and asked as its {@link Flat} form.
 */
sealed interface Gate {

    /** The gate as alternatives, each open when every one of its {@link Any} is. */
    List<List<Any>> alternatives();

    /**
     * Open when any of the needles is found. Only the words of the mask from {@code from} to
     * {@code to} hold a needle, so only those are compared.
     */
    record Any(long[] mask, int from, int to) implements Gate {

        Any(int[] ids) {
            this(mask(ids));
        }

        private Any(long[] mask) {
            this(mask, first(mask), mask.length - 1);
        }

        boolean open(long[] hits) {
            for (int word = Math.min(hits.length - 1, to); word >= from; word--) {
                if ((hits[word] & mask[word]) != 0) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public List<List<Any>> alternatives() {
            return List.of(List.of(this));
        }

        /** Open when this or the other is: their needles together. */
        Any or(Any other) {
            long[] both = Arrays.copyOf(mask, Math.max(mask.length, other.mask.length));
            for (int word = 0; word < other.mask.length; word++) {
                both[word] |= other.mask[word];
            }
            return new Any(both);
        }

        private static long[] mask(int[] ids) {
            long[] mask = new long[(Arrays.stream(ids).max().orElse(0) >>> 6) + 1];
            for (int id : ids) {
                mask[id >>> 6] |= 1L << id;
            }
            return mask;
        }

        private static int first(long[] mask) {
            int word = 0;
            while (word < mask.length - 1 && mask[word] == 0) {
                word++;
            }
            return word;
        }
    }

    /** Open when every one of the gates is. */
    record All(Gate... gates) implements Gate {

        @Override
        public List<List<Any>> alternatives() {
            List<List<Any>> product = List.of(List.of());
            for (Gate gate : gates) {
                List<List<Any>> next = new ArrayList<>();
                for (List<Any> left : product) {
                    for (List<Any> right : gate.alternatives()) {
                        List<Any> joined = new ArrayList<>(left);
                        joined.addAll(right);
                        next.add(joined);
                    }
                }
                product = next;
            }
            return product;
        }
    }

    /** Open when any of the gates is. */
    record Either(Gate... gates) implements Gate {

        /** The gates' alternatives, those of a single {@link Any} merged into one. */
        @Override
        public List<List<Any>> alternatives() {
            List<List<Any>> alternatives = new ArrayList<>();
            Any single = null;
            for (Gate gate : gates) {
                for (List<Any> alternative : gate.alternatives()) {
                    if (alternative.size() == 1) {
                        single = single == null ? alternative.get(0) : single.or(alternative.get(0));
                    } else {
                        alternatives.add(alternative);
                    }
                }
            }
            if (single != null) {
                alternatives.add(0, List.of(single));
            }
            return alternatives;
        }
    }

    /**
     * A gate as its alternatives, asked without a call through the interface for each part: what
     * the scan asks, for every signature of every value.
     */
    record Flat(Any[][] terms) {

        static Flat of(Gate gate) {
            return new Flat(gate.alternatives().stream().map(term -> term.toArray(Any[]::new)).toArray(Any[][]::new));
        }

        boolean open(long[] hits) {
            terms:
            for (Any[] term : terms) {
                for (Any any : term) {
                    if (!any.open(hits)) {
                        continue terms;
                    }
                }
                return true;
            }
            return false;
        }
    }
}
