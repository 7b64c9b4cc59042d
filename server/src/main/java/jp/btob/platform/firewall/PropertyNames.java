package jp.btob.platform.firewall;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The property names of each JSON object open while a body is read, to find a key given twice:
 * a small object's names are compared one by one, without a hash set of its own; an object with
 * more than a few keys gets one, so that a body of many keys costs no more than one look-up each.
 */
final class PropertyNames {

    /** Names an object holds before they go into a set. */
    private static final int COMPARED = 8;

    private String[] names = new String[4 * COMPARED];

    private int count;

    /** For each open object, innermost last: where its names start in {@link #names}. */
    private int[] starts = new int[8];

    /** For each open object: its names once there are more than {@link #COMPARED}, else null. */
    private final List<Set<String>> sets = new ArrayList<>();

    private int depth;

    /** An object starts. */
    void open() {
        if (depth == starts.length) {
            starts = Arrays.copyOf(starts, depth * 2);
        }
        starts[depth] = count;
        depth++;
    }

    /** The innermost object ends. */
    void close() {
        depth--;
        count = starts[depth];
        if (depth < sets.size()) {
            sets.set(depth, null);
        }
    }

    /** Whether the innermost object already has the name as a key; if not, it has now. */
    boolean repeated(String name) {
        int start = starts[depth - 1];
        Set<String> set = depth <= sets.size() ? sets.get(depth - 1) : null;
        if (set != null) {
            return !set.add(name);
        }
        for (int i = start; i < count; i++) {
            if (names[i].equals(name)) {
                return true;
            }
        }
        if (count - start == COMPARED) {
            set = new HashSet<>(Arrays.asList(names).subList(start, count));
            set.add(name);
            while (sets.size() < depth) {
                sets.add(null);
            }
            sets.set(depth - 1, set);
            count = start;
            return false;
        }
        if (count == names.length) {
            names = Arrays.copyOf(names, count * 2);
        }
        names[count++] = name;
        return false;
    }
}
