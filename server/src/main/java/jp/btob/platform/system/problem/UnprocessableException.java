package jp.btob.platform.system.problem;

import java.util.List;

import jp.btob.platform.api.model.FieldError;

/** Well-formed and allowed, but against a business rule. */
public final class UnprocessableException extends ProblemException {

    public UnprocessableException(String detail) {
        super(ProblemType.UNPROCESSABLE, detail);
    }

    /** Against the rules of these fields, each named with the rule it breaks. */
    public UnprocessableException(String detail, List<FieldError> errors) {
        super(ProblemType.UNPROCESSABLE, detail, errors);
    }
}
