package jp.btob.platform.system.problem;

import java.util.List;

import jp.btob.platform.api.model.FieldError;

/** A value the operation needs was given in none of the places it may come from; the problem names it. */
public final class FieldRequiredException extends ProblemException {

    public FieldRequiredException(String field, String message) {
        super(ProblemType.VALIDATION, message, List.of(new FieldError(field, FieldError.CodeEnum.REQUIRED, message)));
    }
}
