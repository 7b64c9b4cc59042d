package jp.btob.platform.system.problem;

/** The caller lacks a permission that this resource needs beyond the one its operation declares. */
public final class PermissionDeniedException extends ProblemException {

    public PermissionDeniedException(String detail) {
        super(ProblemType.PERMISSION_DENIED, detail);
    }
}
