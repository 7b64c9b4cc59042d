package jp.btob.platform.system.problem;

/**
 * A single sign-on that did not succeed, whatever the reason: the answer tells an attacker
 * nothing, the company's audit trail records why.
 */
public final class SsoFailedException extends ProblemException {

    public SsoFailedException() {
        super(ProblemType.SSO_FAILED, "Single sign-on did not succeed. Start again from your company's sign-in page.");
    }
}
