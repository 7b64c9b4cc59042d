package jp.btob.platform.identity;

import java.time.Duration;
import java.time.Instant;

/**
 * When a password expires (SEC-PWEXP): a company's expiry in days after the password was set,
 * each day 24 hours on the platform's clock; 0 days means never.
 */
final class PasswordExpiry {

    private PasswordExpiry() {
    }

    /** The instant the password expires, or null when the company's passwords never expire. */
    static Instant expiresAt(Instant changedAt, int expiryDays) {
        return expiryDays > 0 ? changedAt.plus(Duration.ofDays(expiryDays)) : null;
    }

    /** Whether the password has expired by {@code now}: from its expiry instant on, not a moment later. */
    static boolean expired(Instant changedAt, int expiryDays, Instant now) {
        Instant expiresAt = expiresAt(changedAt, expiryDays);
        return expiresAt != null && !expiresAt.isAfter(now);
    }
}
