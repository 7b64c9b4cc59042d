package jp.btob.platform.system.problem;

/** Well-formed and allowed, but against a business rule. */
public final class UnprocessableException extends ProblemException {

    public UnprocessableException(String detail) {
        super(ProblemType.UNPROCESSABLE, detail);
    }
}
