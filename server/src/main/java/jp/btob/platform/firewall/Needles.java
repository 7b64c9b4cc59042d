package jp.btob.platform.firewall;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The literals the signatures cannot match without, found in one pass over a value (an
 * Aho-Corasick automaton over ASCII), so that a signature's regular expression runs only on the
 * values that carry what it needs. Needles are registered while the signatures are declared;
 * {@link #seal()} builds the automaton once, after which {@link #find} is safe from any thread.
 */
final class Needles {

    private final Map<String, Integer> ids = new HashMap<>();

    private final List<String> needles = new ArrayList<>();

    private final List<Kind> kinds = new ArrayList<>();

    private Kind[] kind;

    private int[] lengths;

    private int alphabet;

    private byte[] classes;

    /** A state's row in {@link #next} is its number shifted left by this: the alphabet's size rounded up to a power of two. */
    private int shift;

    /**
     * The automaton's transitions, by the row of a state plus a character's class: the next
     * state's row, shifted left once, its lowest bit set when some needle ends in that state.
     */
    private int[] next;

    private int[][] outputs;

    /** The needle's number, registered if new. Needles are non-empty lower-case ASCII. */
    int id(String needle) {
        return id(needle, Kind.ANYWHERE);
    }

    /** Where an occurrence of a needle counts. */
    enum Kind {
        ANYWHERE,
        /** No letter, digit or underscore right before it, as where a signature has {@code \b} or a separator before a keyword. */
        WORD_START,
        /** Neither right before it nor right after it. */
        WHOLE_WORD,
        /** Followed only by at most 16 characters, none a lower-case ASCII letter or a digit, to the end. */
        AT_END
    }

    int id(String needle, Kind where) {
        if (next != null) {
            throw new IllegalStateException("needles are sealed");
        }
        if (needle.isEmpty() || !needle.chars().allMatch(c -> c < 0x80) || !needle.equals(needle.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("a needle is non-empty lower-case ASCII: " + needle);
        }
        return ids.computeIfAbsent(where + ":" + needle, key -> {
            needles.add(needle);
            kinds.add(where);
            return needles.size() - 1;
        });
    }

    /** Builds the automaton; no needle can be registered afterwards. */
    Needles seal() {
        kind = new Kind[needles.size()];
        lengths = new int[needles.size()];
        for (int id = 0; id < kind.length; id++) {
            kind[id] = kinds.get(id);
            lengths[id] = needles.get(id).length();
        }
        classes = new byte[0x80];
        alphabet = 1;
        for (String needle : needles) {
            for (char c : needle.toCharArray()) {
                if (classes[c] == 0) {
                    classes[c] = (byte) alphabet++;
                }
            }
        }
        List<int[]> gotos = new ArrayList<>();
        List<List<Integer>> found = new ArrayList<>();
        gotos.add(filled(alphabet));
        found.add(new ArrayList<>());
        for (int id = 0; id < needles.size(); id++) {
            int state = 0;
            for (char c : needles.get(id).toCharArray()) {
                int cls = classes[c];
                if (gotos.get(state)[cls] < 0) {
                    gotos.add(filled(alphabet));
                    found.add(new ArrayList<>());
                    gotos.get(state)[cls] = gotos.size() - 1;
                }
                state = gotos.get(state)[cls];
            }
            found.get(state).add(id);
        }
        int states = gotos.size();
        int[] fail = new int[states];
        int[] next = new int[states * alphabet];
        Deque<Integer> queue = new ArrayDeque<>();
        for (int cls = 0; cls < alphabet; cls++) {
            int child = gotos.get(0)[cls];
            next[cls] = Math.max(child, 0);
            if (child > 0) {
                queue.add(child);
            }
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            found.get(state).addAll(found.get(fail[state]));
            for (int cls = 0; cls < alphabet; cls++) {
                int child = gotos.get(state)[cls];
                int viaFail = next[fail[state] * alphabet + cls];
                if (child > 0) {
                    fail[child] = viaFail;
                    next[state * alphabet + cls] = child;
                    queue.add(child);
                } else {
                    next[state * alphabet + cls] = viaFail;
                }
            }
        }
        outputs = new int[states][];
        for (int state = 0; state < states; state++) {
            List<Integer> here = found.get(state);
            outputs[state] = here.isEmpty() ? null : here.stream().distinct().mapToInt(Integer::intValue).toArray();
        }
        shift = Integer.SIZE - Integer.numberOfLeadingZeros(alphabet - 1);
        this.next = new int[states << shift];
        for (int state = 0; state < states; state++) {
            for (int cls = 0; cls < alphabet; cls++) {
                int target = next[state * alphabet + cls];
                this.next[(state << shift) + cls] = target << shift << 1 | (outputs[target] == null ? 0 : 1);
            }
        }
        return this;
    }

    /** The needles the value contains, as a bit set indexed by needle number; empty when none. */
    long[] find(String value) {
        long[] hits = null;
        int row = 0;
        for (int i = 0, length = value.length(); i < length; i++) {
            char c = value.charAt(i);
            int step = next[row + (c < 0x80 ? classes[c] : 0)];
            row = step >>> 1;
            if ((step & 1) != 0) {
                if (hits == null) {
                    hits = new long[(needles.size() + 63) >>> 6];
                }
                for (int id : outputs[row >>> shift]) {
                    if ((hits[id >>> 6] & 1L << id) == 0 && counts(kind[id], value, i - lengths[id], i + 1)) {
                        hits[id >>> 6] |= 1L << id;
                    }
                }
            }
        }
        return hits == null ? NONE : hits;
    }

    /** A bit set with every needle found. */
    long[] every() {
        long[] all = new long[(needles.size() + 63) >>> 6];
        Arrays.fill(all, -1L);
        return all;
    }

    static boolean none(long[] hits) {
        return hits == NONE;
    }

    static boolean has(long[] hits, int id) {
        return hits != NONE && (hits[id >>> 6] & (1L << id)) != 0;
    }

    private static final long[] NONE = new long[0];

    /** Whether an occurrence between {@code before} and {@code after} (the characters around it) counts. */
    private static boolean counts(Kind where, String value, int before, int after) {
        return switch (where) {
            case ANYWHERE -> true;
            case WORD_START -> before < 0 || !wordCharacter(value.charAt(before));
            case WHOLE_WORD -> (before < 0 || !wordCharacter(value.charAt(before)))
                    && (after >= value.length() || !wordCharacter(value.charAt(after)));
            case AT_END -> value.length() - after <= 16 && tailWithoutLettersOrDigits(value, after);
        };
    }

    private static boolean tailWithoutLettersOrDigits(String value, int from) {
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                return false;
            }
        }
        return true;
    }

    /** What a regular expression's {@code \b} takes for part of a word. */
    private static boolean wordCharacter(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    private static int[] filled(int size) {
        int[] row = new int[size];
        Arrays.fill(row, -1);
        return row;
    }
}
