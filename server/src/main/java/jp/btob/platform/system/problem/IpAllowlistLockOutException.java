package jp.btob.platform.system.problem;

/** An IP allow-list that would not contain its sender's own address, sent without confirming that (SEC-IP). */
public final class IpAllowlistLockOutException extends ProblemException {

    public IpAllowlistLockOutException(String detail) {
        super(ProblemType.IP_ALLOWLIST_WOULD_LOCK_OUT, detail);
    }
}
