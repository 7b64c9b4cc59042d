package jp.btob.platform.apiclient;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import jp.btob.platform.system.Sha256;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * API client secrets: {@code btob_sk_} and 256 random bits in base64url, known to the database
 * only by their SHA-256. The prefix lets the company realm tell a secret from a session token
 * without a lookup, and lets secret scanners recognise a leaked one.
 */
public final class ApiClientSecrets {

    public static final String PREFIX = "btob_sk_";

    /** How much of a secret reads show: the prefix and six characters, 36 of its 256 bits. */
    static final int SHOWN_LENGTH = PREFIX.length() + 6;

    private static final int SECRET_LENGTH = PREFIX.length() + 43;

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiClientSecrets() {
    }

    /** Whether a bearer value is meant as an API client's secret rather than a session token. */
    public static boolean looksLike(String token) {
        return token.startsWith(PREFIX);
    }

    /** Whether the value has a secret's form; anything else cannot be one and needs no lookup. */
    static boolean wellFormed(String token) {
        if (token.length() != SECRET_LENGTH || !looksLike(token)) {
            return false;
        }
        for (int i = PREFIX.length(); i < token.length(); i++) {
            char c = token.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** A new secret, drawn from the operating system's random source, which may block: off the event loop. */
    static Mono<String> generate() {
        return Mono.fromCallable(() -> {
            byte[] bits = new byte[32];
            RANDOM.nextBytes(bits);
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    static byte[] hash(String secret) {
        return Sha256.of(secret.getBytes(StandardCharsets.US_ASCII));
    }

    static String shown(String secret) {
        return secret.substring(0, SHOWN_LENGTH);
    }
}
