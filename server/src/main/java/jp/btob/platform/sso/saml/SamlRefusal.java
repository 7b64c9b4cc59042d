package jp.btob.platform.sso.saml;

/**
 * A SAML message the platform does not accept. The reason is a short stable code for the audit
 * trail and the detail says which check failed; neither reaches the client, which is answered
 * with the one generic SSO failure so that no check can be probed from outside.
 */
final class SamlRefusal extends RuntimeException {

    private final String reason;

    SamlRefusal(String reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    /** The failed check, such as {@code signature}, {@code audience} or {@code replay}. */
    String reason() {
        return reason;
    }
}
