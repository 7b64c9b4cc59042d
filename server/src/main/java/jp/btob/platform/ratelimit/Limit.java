package jp.btob.platform.ratelimit;

import java.time.Duration;

import org.springframework.boot.convert.DurationStyle;

/**
 * One limit: {@code capacity} requests per {@code period}, written {@code capacity/period} in the
 * settings ({@code 10/1m}). The whole capacity comes back at the end of each period, so a client
 * gets exactly its capacity within a window.
 */
public record Limit(long capacity, Duration period) {

    private static final Duration SHORTEST = Duration.ofSeconds(1);

    private static final Duration LONGEST = Duration.ofDays(1);

    public Limit {
        if (capacity < 1 || capacity > 1_000_000_000L) {
            throw new IllegalArgumentException("the capacity must be between 1 and 1000000000, not " + capacity);
        }
        if (period.compareTo(SHORTEST) < 0 || period.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("the period must be between 1s and 1d, not " + period);
        }
    }

    /** {@code 10/1m}: ten requests a minute; the period in Spring's duration form ({@code 30s}, {@code 1h}). */
    public static Limit parse(String text) {
        String[] parts = text.trim().split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("a limit is written capacity/period, such as 10/1m, not '" + text + "'");
        }
        try {
            return new Limit(Long.parseLong(parts[0].trim()), DurationStyle.detectAndParse(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a limit is written capacity/period, such as 10/1m, not '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return capacity + "/" + period;
    }
}
