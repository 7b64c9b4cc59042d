package jp.btob.platform.crypto;

/**
 * A data key is ACTIVE while new values are written under it, then RETIRED by a rotation; a
 * retired key still decrypts the values it wrote until they are re-encrypted. It never returns
 * to ACTIVE: {@link DataKeyRepository#rotate} is the one transition.
 */
enum DataKeyState {
    ACTIVE,
    RETIRED
}
