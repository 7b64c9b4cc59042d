package jp.btob.client;

/**
 * A request that got no answer: the connection was refused, dropped or timed out, or TLS failed. The
 * cause says which. Retried like a 503 where a retry is safe; {@link #getAttempts()} says how often it was sent.
 */
public class BtobConnectionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int attempts;

    BtobConnectionException(String message, Throwable cause, int attempts) {
        super(message, cause);
        this.attempts = attempts;
    }

    /** How many times the client sent the request. */
    public int getAttempts() {
        return attempts;
    }
}
