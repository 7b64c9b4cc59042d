package jp.btob.platform.system.paging;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.UUID;

import jp.btob.platform.system.paging.PageCursor.InvalidCursorException;

/** Where a page of a list ordered by a day and then an ID ended: the day and ID of its last row. */
public record DateCursor(LocalDate date, UUID id) implements Cursor {

    private static final String PREFIX = "day.";

    @Override
    public String encode() {
        byte[] plain = (PREFIX + date + "." + id).getBytes(StandardCharsets.US_ASCII);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain);
    }

    /** The cursor in a request, or null for the first page. */
    public static DateCursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (!plain.startsWith(PREFIX)) {
                throw new InvalidCursorException();
            }
            String[] parts = plain.substring(PREFIX.length()).split("\\.", 2);
            DateCursor decoded = new DateCursor(LocalDate.parse(parts[0]), UUID.fromString(parts[1]));
            // UUID.fromString takes a cut-short ID and LocalDate.parse a signed year: only the
            // exact form this API hands out is accepted.
            if (!decoded.encode().equals(cursor)) {
                throw new InvalidCursorException();
            }
            return decoded;
        }
        catch (RuntimeException ex) {
            throw new InvalidCursorException();
        }
    }
}
