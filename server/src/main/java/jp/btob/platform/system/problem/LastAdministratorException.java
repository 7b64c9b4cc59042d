package jp.btob.platform.system.problem;

/** A change that would leave a company without an active company administrator (SEC-RBAC). */
public final class LastAdministratorException extends ProblemException {

    public LastAdministratorException(String detail) {
        super(ProblemType.LAST_ADMINISTRATOR, detail);
    }
}
