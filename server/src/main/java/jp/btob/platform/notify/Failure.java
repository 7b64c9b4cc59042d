package jp.btob.platform.notify;

import java.time.Instant;

/** A failed attempt as recorded: when it ended, why, the HTTP status if the receiver answered, how long it took. */
record Failure(Instant at, String error, Integer httpStatus, long durationMs) {
}
