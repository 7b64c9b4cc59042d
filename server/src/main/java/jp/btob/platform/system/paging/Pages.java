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
        return Math.min(limit, MAX_LIMIT) + 1;
    }

    public static <T> Page<T> of(List<T> rows, int limit, Function<T, ? extends Cursor> cursorOf) {
        int size = Math.min(limit, MAX_LIMIT);
        if (rows.size() <= size) {
            return new Page<>(rows, new PageInfo(size));
        }
        List<T> items = rows.subList(0, size);
        return new Page<>(items, new PageInfo(size).nextCursor(cursorOf.apply(items.get(size - 1)).encode()));
    }

    public record Page<T>(List<T> items, PageInfo info) {
    }
}
