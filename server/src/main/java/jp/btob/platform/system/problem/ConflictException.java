package jp.btob.platform.system.problem;

/** The resource already exists in the form the request would create. */
public final class ConflictException extends ProblemException {

    public ConflictException(String detail) {
        super(ProblemType.CONFLICT, detail);
    }
}
