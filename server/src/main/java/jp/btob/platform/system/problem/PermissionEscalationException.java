package jp.btob.platform.system.problem;

/** A change that would give a user or role a permission the acting administrator does not hold (SEC-RBAC). */
public final class PermissionEscalationException extends ProblemException {

    public PermissionEscalationException(String detail) {
        super(ProblemType.PERMISSION_ESCALATION, detail);
    }
}
