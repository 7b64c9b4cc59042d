package jp.btob.platform.system.paging;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jp.btob.platform.system.paging.PageCursor.InvalidCursorException;

/** Where a page of a list ordered by a sequence number ended: the number of its last row. */
public record SeqCursor(long seq) implements Cursor {

    private static final String PREFIX = "seq.";

    @Override
    public String encode() {
        byte[] plain = (PREFIX + seq).getBytes(StandardCharsets.US_ASCII);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain);
    }

    /** The cursor in a request, or null for the first page. */
    public static SeqCursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (!plain.startsWith(PREFIX)) {
                throw new InvalidCursorException();
            }
            SeqCursor decoded = new SeqCursor(Long.parseLong(plain.substring(PREFIX.length())));
            // Long.parseLong takes "+5" and "007": only the exact form this API hands out is accepted.
            if (decoded.seq() < 0 || !decoded.encode().equals(cursor)) {
                throw new InvalidCursorException();
            }
            return decoded;
        }
        catch (RuntimeException ex) {
            throw new InvalidCursorException();
        }
    }
}
