package jp.btob.platform.system.problem;

/**
 * A stored document fails its integrity check (it no longer decrypts, or no longer hashes to
 * what was recorded): changed at rest. The server's fault, never the client's, so a 5xx; the
 * detail says so and never carries any of the document's content.
 */
public final class IntegrityFailureException extends ProblemException {

    public IntegrityFailureException(String detail) {
        super(ProblemType.INTEGRITY_FAILURE, detail);
    }
}
