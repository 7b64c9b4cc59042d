package jp.btob.platform.system.problem;

/**
 * A failure the API reports to its client as a problem. Each subclass stands for exactly one
 * problem type; the detail says what happened in this occurrence, for a person to read.
 */
public abstract class ProblemException extends RuntimeException {

    private final ProblemType type;

    protected ProblemException(ProblemType type, String detail) {
        super(detail, null, false, false);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }

    public String detail() {
        return getMessage();
    }
}
