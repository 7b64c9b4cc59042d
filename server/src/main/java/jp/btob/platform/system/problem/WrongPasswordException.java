package jp.btob.platform.system.problem;

/**
 * The current password given to change it is wrong. Not a 401: the session is valid, and a
 * client must not take the answer for a sign-out.
 */
public final class WrongPasswordException extends ProblemException {

    public WrongPasswordException(String detail) {
        super(ProblemType.WRONG_PASSWORD, detail);
    }
}
