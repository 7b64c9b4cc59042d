package jp.btob.platform.identity;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import jp.btob.platform.system.Sha256;

/** Opaque session tokens: 256 random bits, known to the database only by their SHA-256. */
public final class SessionTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final int TOKEN_BYTES = 32;

    /** Longer strings cannot be tokens; refusing them early saves hashing attacker-sized input. */
    public static final int MAX_TOKEN_LENGTH = 64;

    private SessionTokens() {
    }

    /** A new token; may block on the operating system's random source, so call it off the event loop. */
    public static String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] hash(String token) {
        return Sha256.of(token.getBytes(StandardCharsets.US_ASCII));
    }
}
