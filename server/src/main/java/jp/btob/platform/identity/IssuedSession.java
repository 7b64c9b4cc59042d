package jp.btob.platform.identity;

import java.time.Instant;

/** A session opened by a login; {@code passwordChangeRequired} when it can only change the expired password. */
public record IssuedSession(String token, Instant expiresAt, boolean passwordChangeRequired) {
}
