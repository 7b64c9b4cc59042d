package jp.btob.platform.system.problem;

/** Permissions given to someone or something else that the caller does not hold themselves. */
public final class PermissionEscalationException extends ProblemException {

    public PermissionEscalationException(String detail) {
        super(ProblemType.PERMISSION_ESCALATION, detail);
    }
}
