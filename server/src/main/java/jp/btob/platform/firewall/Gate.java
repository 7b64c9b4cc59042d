package jp.btob.platform.firewall;

import java.util.Arrays;

/**
 * What a value must contain for a signature to have a chance, over the needles {@link Needles}
 * found in it: a signature whose gate is shut cannot match, so its regular expression is not run.
 * A gate must be sound: every text the signature matches opens it. Gates only ever ask for
 * needles, never for their absence, so a gate none of whose needles is found is shut.
 */
sealed interface Gate {

    boolean open(long[] hits);

    /** Open when any of the needles is found. */
    record Any(long[] mask) implements Gate {

        Any(int[] ids) {
            this(mask(ids));
        }

        @Override
        public boolean open(long[] hits) {
            for (int word = Math.min(hits.length, mask.length) - 1; word >= 0; word--) {
                if ((hits[word] & mask[word]) != 0) {
                    return true;
                }
            }
            return false;
        }

        private static long[] mask(int[] ids) {
            long[] mask = new long[(Arrays.stream(ids).max().orElse(0) >>> 6) + 1];
            for (int id : ids) {
                mask[id >>> 6] |= 1L << id;
            }
            return mask;
        }
    }

    /** Open when every one of the gates is. */
    record All(Gate... gates) implements Gate {

        @Override
        public boolean open(long[] hits) {
            for (Gate gate : gates) {
                if (!gate.open(hits)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Open when any of the gates is. */
    record Either(Gate... gates) implements Gate {

        @Override
        public boolean open(long[] hits) {
            for (Gate gate : gates) {
                if (gate.open(hits)) {
                    return true;
                }
            }
            return false;
        }
    }
}
