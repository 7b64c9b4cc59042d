package jp.btob.platform.identity.mfa;

import jp.btob.platform.system.problem.ProblemException;
import jp.btob.platform.system.problem.ProblemType;

/** One answer for a wrong, expired, used, exhausted, unknown or another user's challenge: none tells more. */
public final class InvalidMfaCodeException extends ProblemException {

    public InvalidMfaCodeException() {
        super(ProblemType.INVALID_MFA_CODE, "The code is not valid for this challenge. Log in again to get a new one.");
    }
}
