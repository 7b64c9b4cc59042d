package jp.btob.platform.system.problem;

/** A login ID already used on the platform, in whatever case. */
public final class LoginIdTakenException extends ProblemException {

    public LoginIdTakenException(String loginId) {
        super(ProblemType.LOGIN_ID_TAKEN, "The login ID " + loginId + " is already used on the platform; choose another.");
    }
}
