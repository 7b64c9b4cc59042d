package jp.btob.platform.system.problem;

/** The action is not allowed in the resource's current state. */
public final class InvalidTransitionException extends ProblemException {

    public InvalidTransitionException(String detail) {
        super(ProblemType.INVALID_TRANSITION, detail);
    }
}
