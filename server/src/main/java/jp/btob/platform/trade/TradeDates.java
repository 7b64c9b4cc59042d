package jp.btob.platform.trade;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The dates of trade documents (issue, order, due and validity dates) are days in Japan, where
 * the trade happens, whatever the server's own zone.
 */
public final class TradeDates {

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private TradeDates() {
    }

    /** The day in Japan at {@code instant}. */
    public static LocalDate of(Instant instant) {
        return LocalDate.ofInstant(instant, JAPAN);
    }

    /** Today in Japan. */
    public static LocalDate today(Clock clock) {
        return of(clock.instant());
    }
}
