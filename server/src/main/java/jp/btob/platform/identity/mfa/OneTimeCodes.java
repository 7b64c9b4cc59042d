package jp.btob.platform.identity.mfa;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

import jp.btob.platform.crypto.DerivedKeys;
import jp.btob.platform.crypto.KeyPurpose;
import org.springframework.stereotype.Component;

/**
 * Codes, challenge IDs and TOTP secrets, drawn from a DRBG seeded once at start-up (drawing is
 * computation only, never a read of /dev/urandom on an event-loop thread), and the keyed hash
 * under which a code is stored: HMAC-SHA256 with a key derived from a master key for this use.
 */
@Component
public class OneTimeCodes {

    private static final byte[] SALT = "mfa-code".getBytes(StandardCharsets.US_ASCII);

    private static final int CHALLENGE_ID_BYTES = 24;

    private static final int TOTP_SECRET_BYTES = 20;

    private final SecureRandom random;

    private final DerivedKeys keys;

    private final Map<String, SecretKey> hashKeys = new ConcurrentHashMap<>();

    OneTimeCodes(DerivedKeys keys) {
        this.keys = keys;
        try {
            this.random = SecureRandom.getInstance("DRBG");
            this.random.nextInt();
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every JDK since 9 has a DRBG SecureRandom", ex);
        }
    }

    /** Six uniformly drawn digits. */
    String newCode() {
        return String.format("%06d", random.nextInt(1_000_000));
    }

    /** 192 random bits, URL-safe: the challenge ID is what binds a code to its user. */
    public String newChallengeId() {
        byte[] bytes = new byte[CHALLENGE_ID_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public byte[] newTotpSecret() {
        byte[] bytes = new byte[TOTP_SECRET_BYTES];
        random.nextBytes(bytes);
        return bytes;
    }

    /** The master key that hashes new codes. */
    String currentKeyId() {
        return keys.currentMasterKeyId();
    }

    /** The code's HMAC, bound to its challenge, so a code hash copied to another challenge matches nothing. */
    byte[] hash(String keyId, String challengeId, String code) {
        SecretKey key = hashKeys.computeIfAbsent(keyId, id -> keys.derive(KeyPurpose.MFA_CODE, id, SALT));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal((challengeId + ":" + code).getBytes(StandardCharsets.US_ASCII));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Every JDK has HmacSHA256", ex);
        }
    }

    /** Compares in time independent of where the two differ. */
    static boolean same(byte[] a, byte[] b) {
        return a != null && b != null && MessageDigest.isEqual(a, b);
    }
}
