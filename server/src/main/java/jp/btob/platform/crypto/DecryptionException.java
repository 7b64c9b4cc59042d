package jp.btob.platform.crypto;

/**
 * A stored value that does not decrypt: changed, moved from another record, written for
 * another company, or under a data key that its company does not have. Never a client's fault,
 * so it is not a problem type: it surfaces as an internal error and in the log.
 */
public class DecryptionException extends RuntimeException {

    DecryptionException(String message) {
        super(message);
    }

    DecryptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
