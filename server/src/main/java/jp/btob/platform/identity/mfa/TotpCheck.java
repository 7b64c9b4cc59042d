package jp.btob.platform.identity.mfa;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;

/** Which time step an authenticator app's code is of, allowing one step of clock skew either way (SEC-TIME). */
public final class TotpCheck {

    static final int SKEW_STEPS = 1;

    private TotpCheck() {
    }

    /** Every candidate step is computed and compared in constant time, so timing tells nothing. */
    public static Optional<Long> matchingStep(byte[] secret, String code, Instant now) {
        long current = Totp.step(now);
        byte[] given = code.getBytes(StandardCharsets.US_ASCII);
        Long found = null;
        for (long step = current - SKEW_STEPS; step <= current + SKEW_STEPS; step++) {
            byte[] expected = Totp.code(secret, step, Totp.DIGITS).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, given) && found == null) {
                found = step;
            }
        }
        return Optional.ofNullable(found);
    }
}
