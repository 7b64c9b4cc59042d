package jp.btob.platform.system.problem;

/** A request body over the limit that applies to it; nothing of it is kept. */
public final class PayloadTooLargeException extends ProblemException {

    public PayloadTooLargeException(String detail) {
        super(ProblemType.PAYLOAD_TOO_LARGE, detail);
    }
}
