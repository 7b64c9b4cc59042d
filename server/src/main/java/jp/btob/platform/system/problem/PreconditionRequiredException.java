package jp.btob.platform.system.problem;

/** A change sent without {@code If-Match}: without the version it was based on, it could overwrite one unseen (PLT-CONC). */
public final class PreconditionRequiredException extends ProblemException {

    public PreconditionRequiredException(String detail) {
        super(ProblemType.PRECONDITION_REQUIRED, detail);
    }
}
