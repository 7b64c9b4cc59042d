package jp.btob.platform.identity.password;

import jp.btob.platform.api.model.FieldError;

/** The rules of the password policy, each with the stable code a client sees. */
public enum PasswordRule {

    TOO_SHORT(FieldError.CodeEnum.TOO_SHORT),
    TOO_LONG(FieldError.CodeEnum.TOO_LONG),
    TOO_FEW_CHARACTER_CLASSES(FieldError.CodeEnum.TOO_FEW_CHARACTER_CLASSES),
    COMMON_PASSWORD(FieldError.CodeEnum.COMMON_PASSWORD),
    CONTAINS_LOGIN_ID(FieldError.CodeEnum.CONTAINS_LOGIN_ID),
    REUSED_PASSWORD(FieldError.CodeEnum.REUSED_PASSWORD);

    private final FieldError.CodeEnum code;

    PasswordRule(FieldError.CodeEnum code) {
        this.code = code;
    }

    public FieldError.CodeEnum code() {
        return code;
    }
}
