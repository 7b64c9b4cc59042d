package jp.btob.platform.system.problem;

/** The right credentials of a user whose company the platform's operators have suspended. */
public final class CompanySuspendedException extends ProblemException {

    public CompanySuspendedException() {
        super(ProblemType.COMPANY_SUSPENDED, "Your company's use of the platform is suspended. Contact the platform's operators.");
    }
}
