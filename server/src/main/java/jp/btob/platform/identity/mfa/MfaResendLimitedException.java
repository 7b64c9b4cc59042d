package jp.btob.platform.identity.mfa;

import jp.btob.platform.system.problem.ProblemException;
import jp.btob.platform.system.problem.ProblemType;

/** No new code for this challenge now: too soon, used up, or no such live e-mail or SMS challenge. */
public final class MfaResendLimitedException extends ProblemException {

    MfaResendLimitedException() {
        super(ProblemType.MFA_RESEND_LIMITED, "No new code can be sent for this challenge now: wait a little,"
                + " or log in again if the resends are used up.");
    }
}
