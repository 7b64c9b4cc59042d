package jp.btob.platform.system.problem;

import java.util.List;

import jp.btob.platform.api.model.FieldError;

/**
 * A query parameter whose value is none of those the spec lists, where the generated interface
 * takes it as a plain string; the problem names the parameter, as the contract's own checks do.
 */
public final class InvalidParameterException extends ProblemException {

    public InvalidParameterException(String parameter, String message) {
        super(ProblemType.VALIDATION, "1 field is invalid.",
                List.of(new FieldError(parameter, FieldError.CodeEnum.INVALID, message)));
    }
}
