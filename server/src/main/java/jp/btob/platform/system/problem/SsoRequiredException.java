package jp.btob.platform.system.problem;

/** The right password of a user whose company signs in only through its identity providers. */
public final class SsoRequiredException extends ProblemException {

    public SsoRequiredException() {
        super(ProblemType.SSO_REQUIRED, "Your company signs in through its identity provider; use single sign-on.");
    }
}
