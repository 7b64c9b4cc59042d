package jp.btob.platform.system.paging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import jp.btob.platform.system.problem.ProblemException;
import jp.btob.platform.system.problem.ProblemType;

/**
 * Where a page ended, as an opaque string: the sort key of its last row, (time, id). Paging by
 * key rather than offset keeps the order stable while rows are added.
 */
public record PageCursor(Instant at, UUID id) implements Cursor {

    @Override
    public String encode() {
        String plain = at.getEpochSecond() + "." + at.getNano() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor in a request, or null for the first page. */
    public static PageCursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            String[] parts = plain.split("\\.", 3);
            PageCursor decoded = new PageCursor(Instant.ofEpochSecond(Long.parseLong(parts[0]),
                    Long.parseLong(parts[1])), UUID.fromString(parts[2]));
            // UUID.fromString and Instant.ofEpochSecond are lenient: a cut-short id or an
            // out-of-range nano still parse. Only the exact form this API hands out is accepted.
            if (!decoded.encode().equals(cursor)) {
                throw new InvalidCursorException();
            }
            return decoded;
        }
        catch (RuntimeException ex) {
            throw new InvalidCursorException();
        }
    }

    /** A cursor that this API did not hand out. */
    public static final class InvalidCursorException extends ProblemException {
        InvalidCursorException() {
            super(ProblemType.VALIDATION, "The cursor is not one this API handed out; start again without it.");
        }
    }
}
