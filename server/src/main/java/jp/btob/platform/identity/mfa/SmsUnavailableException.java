package jp.btob.platform.identity.mfa;

import jp.btob.platform.system.problem.ProblemException;
import jp.btob.platform.system.problem.ProblemType;

/** The SMS gateway is down or its circuit is open; the user can ask for the code by another channel. */
public final class SmsUnavailableException extends ProblemException {

    SmsUnavailableException() {
        super(ProblemType.SMS_UNAVAILABLE, "The code could not be sent by text message. Log in again with"
                + " \"channel\": \"EMAIL\" (or TOTP if you use an authenticator app) to get it another way.");
    }
}
