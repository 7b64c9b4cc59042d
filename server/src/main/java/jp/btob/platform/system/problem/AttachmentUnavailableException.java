package jp.btob.platform.system.problem;

/** The attachment exists but is not served in its status (not scanned yet, or quarantined). */
public final class AttachmentUnavailableException extends ProblemException {

    public AttachmentUnavailableException(String detail) {
        super(ProblemType.ATTACHMENT_UNAVAILABLE, detail);
    }
}
