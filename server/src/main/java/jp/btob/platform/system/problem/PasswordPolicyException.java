package jp.btob.platform.system.problem;

import java.util.List;

import jp.btob.platform.api.model.FieldError;

/** A new password breaks the password policy; the errors name every rule it breaks. */
public final class PasswordPolicyException extends ProblemException {

    public PasswordPolicyException(String detail, List<FieldError> errors) {
        super(ProblemType.PASSWORD_POLICY, detail, errors);
    }
}
