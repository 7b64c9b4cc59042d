package jp.btob.platform.system.problem;

/** No such resource, or not visible to the caller's company. The answer is the same in both cases, so that it tells nothing about other companies. */
public final class NotFoundException extends ProblemException {

    public NotFoundException(String detail) {
        super(ProblemType.NOT_FOUND, detail);
    }
}
