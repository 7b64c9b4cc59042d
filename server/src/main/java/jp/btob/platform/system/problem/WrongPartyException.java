package jp.btob.platform.system.problem;

/** The caller's company is a party to the trade, but the action belongs to the other party. */
public final class WrongPartyException extends ProblemException {

    public WrongPartyException(String detail) {
        super(ProblemType.WRONG_PARTY, detail);
    }
}
