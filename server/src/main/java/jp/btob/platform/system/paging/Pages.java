package jp.btob.platform.system.paging;

import java.util.List;
import java.util.function.Function;

import jp.btob.platform.api.model.PageInfo;

/** Splits the rows of a query that asked for one more than the limit into a page and its cursor. */
public final class Pages {

    /** The largest page anyone gets, whatever they ask for. */
    public static final int MAX_LIMIT = 100;

    private Pages() {
    }

    /** How many rows to fetch: one more than the page holds tells whether another page follows. */
    public static int fetchSize(int limit) {
        return fetchSize(limit, MAX_LIMIT);
    }

    /** As {@link #fetchSize(int)}, for a list whose spec allows pages up to {@code max}. */
    public static int fetchSize(int limit, int max) {
        return Math.min(limit, max) + 1;
    }

    public static <T> Page<T> of(List<T> rows, int limit, Function<T, ? extends Cursor> cursorOf) {
        return of(rows, limit, MAX_LIMIT, cursorOf);
    }

    /** As {@link #of(List, int, Function)}, for a list whose spec allows pages up to {@code max}. */
    public static <T> Page<T> of(List<T> rows, int limit, int max, Function<T, ? extends Cursor> cursorOf) {
        int size = Math.min(limit, max);
        if (rows.size() <= size) {
            return new Page<>(rows, new PageInfo(size));
        }
        List<T> items = rows.subList(0, size);
        return new Page<>(items, new PageInfo(size).nextCursor(cursorOf.apply(items.get(size - 1)).encode()));
    }

    public record Page<T>(List<T> items, PageInfo info) {
    }
}
