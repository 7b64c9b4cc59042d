package jp.btob.platform.system.problem;

/** The caller is known and sees the resource, but may not do this. */
public final class ForbiddenException extends ProblemException {

    public ForbiddenException(String detail) {
        super(ProblemType.FORBIDDEN, detail);
    }
}
