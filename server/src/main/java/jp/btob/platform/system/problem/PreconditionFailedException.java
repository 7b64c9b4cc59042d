package jp.btob.platform.system.problem;

/** The resource changed since the version the client sent as {@code If-Match}. */
public final class PreconditionFailedException extends ProblemException {

    public PreconditionFailedException(String detail) {
        super(ProblemType.PRECONDITION_FAILED, detail);
    }
}
