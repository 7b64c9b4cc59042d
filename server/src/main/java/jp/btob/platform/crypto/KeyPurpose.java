package jp.btob.platform.crypto;

import java.nio.charset.StandardCharsets;

/**
 * What a key derived from a master key is for. Each purpose has an HKDF info label of its own,
 * listed here once, so that a key derived for one use can never be the key of another.
 */
public enum KeyPurpose {

    /** The encryption of rolled log files (OPS-LOG). */
    LOG_ARCHIVE("jp.btob.platform log-archive v1"),

    /** The HMAC of second-factor codes, so that a stored code is never the code (SEC-MFA). */
    MFA_CODE("jp.btob.platform mfa-code v1"),

    /** The HMAC of login IDs that picks the login theme of an unknown ID or a user who chose none (SEC-THEME). */
    LOGIN_THEME("jp.btob.platform login-theme v1");

    private final String label;

    KeyPurpose(String label) {
        this.label = label;
    }

    byte[] info() {
        return label.getBytes(StandardCharsets.US_ASCII);
    }
}
