package jp.btob.platform.system.problem;

/** The caller's company does not allow calls from the client's address (SEC-IP). */
public final class IpNotAllowedException extends ProblemException {

    public IpNotAllowedException(String detail) {
        super(ProblemType.IP_NOT_ALLOWED, detail);
    }
}
