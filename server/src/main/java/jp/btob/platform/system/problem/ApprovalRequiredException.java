package jp.btob.platform.system.problem;

/** The document's approval route applies, and no approval request for it is approved yet. */
public final class ApprovalRequiredException extends ProblemException {

    public ApprovalRequiredException(String detail) {
        super(ProblemType.APPROVAL_REQUIRED, detail);
    }
}
