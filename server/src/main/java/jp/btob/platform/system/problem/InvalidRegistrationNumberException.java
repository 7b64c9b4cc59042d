package jp.btob.platform.system.problem;

import java.util.List;

import jp.btob.platform.api.model.FieldError;

/** A qualified invoice registration number that is not {@code T} and 13 digits, or whose check digit is wrong (SVC-INV). */
public final class InvalidRegistrationNumberException extends ProblemException {

    private InvalidRegistrationNumberException(String detail, FieldError error) {
        super(ProblemType.INVALID_REGISTRATION_NUMBER, detail, List.of(error));
    }

    public static InvalidRegistrationNumberException format(String field) {
        return new InvalidRegistrationNumberException("The registration number is not T followed by 13 digits.",
                new FieldError(field, FieldError.CodeEnum.FORMAT, "must be T followed by 13 digits"));
    }

    public static InvalidRegistrationNumberException checkDigit(String field) {
        return new InvalidRegistrationNumberException("The registration number's check digit does not match the "
                        + "corporate number that follows it: a digit is probably mistyped.",
                new FieldError(field, FieldError.CodeEnum.INVALID, "check digit does not match the corporate number"));
    }
}
