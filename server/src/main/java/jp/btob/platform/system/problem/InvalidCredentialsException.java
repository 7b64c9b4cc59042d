package jp.btob.platform.system.problem;

/** The login ID and password do not match an active account; unknown IDs answer the same. */
public final class InvalidCredentialsException extends ProblemException {

    public InvalidCredentialsException(String detail) {
        super(ProblemType.INVALID_CREDENTIALS, detail);
    }
}
