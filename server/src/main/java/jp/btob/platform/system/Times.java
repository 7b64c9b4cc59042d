package jp.btob.platform.system;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Instants as the database keeps them and as the API shows them. */
public final class Times {

    private Times() {
    }

    /** PostgreSQL keeps microseconds; truncating first makes a written instant read back equal. */
    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The API shows every instant in UTC, with a {@code Z} offset. */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
