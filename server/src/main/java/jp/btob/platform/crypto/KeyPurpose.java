package jp.btob.platform.crypto;

import java.nio.charset.StandardCharsets;

/**
 * What a key derived from a master key is for. Each purpose has an HKDF info label of its own,
 * listed here once, so that a key derived for one use can never be the key of another.
 */
public enum KeyPurpose {

    /** The encryption of rolled log files (OPS-LOG). */
    LOG_ARCHIVE("jp.btob.platform log-archive v1");

    private final String label;

    KeyPurpose(String label) {
        this.label = label;
    }

    byte[] info() {
        return label.getBytes(StandardCharsets.US_ASCII);
    }
}
