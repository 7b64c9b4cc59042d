package jp.btob.platform.system.problem;

import java.util.List;

import jp.btob.platform.api.model.FieldError;

/**
 * A failure the API reports to its client as a problem. Each subclass stands for exactly one
 * problem type; the detail says what happened in this occurrence, for a person to read, and
 * the errors name each offending field where there are fields to name.
 */
public abstract class ProblemException extends RuntimeException {

    private final ProblemType type;

    private final List<FieldError> errors;

    protected ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    protected ProblemException(ProblemType type, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public ProblemType type() {
        return type;
    }

    public String detail() {
        return getMessage();
    }

    /** The fields at fault, when the problem is about particular fields of the request. */
    public List<FieldError> errors() {
        return errors;
    }
}
