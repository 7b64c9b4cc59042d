package jp.btob.platform.system.problem;

import java.util.List;

import jp.btob.platform.api.model.FieldError;

/** Well-formed, but one field's value is against a business rule; the problem names the field. */
public final class UnprocessableFieldException extends ProblemException {

    public UnprocessableFieldException(String field, String message) {
        super(ProblemType.UNPROCESSABLE, message, List.of(new FieldError(field, FieldError.CodeEnum.INVALID, message)));
    }
}
