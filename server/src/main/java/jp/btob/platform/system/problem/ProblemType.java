package jp.btob.platform.system.problem;

import org.springframework.http.HttpStatus;

/**
 * Every kind of problem the API answers, with its stable {@code type} URI reference. The
 * table in {@code api-spec/common.yaml} documents the same list for clients.
 */
public enum ProblemType {

    VALIDATION("validation", HttpStatus.BAD_REQUEST, "The request does not match the API contract"),
    MALFORMED_BODY("malformed-body", HttpStatus.BAD_REQUEST, "The request body is not well-formed JSON"),
    UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED, "Authentication is required"),
    INVALID_CREDENTIALS("invalid-credentials", HttpStatus.UNAUTHORIZED, "The login ID or the password is wrong"),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Not allowed"),
    WRONG_PASSWORD("wrong-password", HttpStatus.FORBIDDEN, "The current password is wrong"),
    PASSWORD_CHANGE_REQUIRED("password-change-required", HttpStatus.FORBIDDEN, "The password must be changed first"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "No acceptable representation"),
    CONFLICT("conflict", HttpStatus.CONFLICT, "Conflict"),
    INVALID_TRANSITION("invalid-transition", HttpStatus.CONFLICT, "Not allowed in the current state"),
    PRECONDITION_FAILED("precondition-failed", HttpStatus.PRECONDITION_FAILED, "The resource has changed since it was read"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    UNPROCESSABLE("unprocessable", HttpStatus.UNPROCESSABLE_CONTENT, "The request breaks a business rule"),
    PASSWORD_POLICY("password-policy", HttpStatus.UNPROCESSABLE_CONTENT, "The new password breaks the password policy"),
    INTERNAL("internal", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),
    INTEGRITY_FAILURE("integrity-failure", HttpStatus.INTERNAL_SERVER_ERROR,
            "The stored document no longer passes its integrity check"),
    UNAVAILABLE("unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable"),
    INVALID_MFA_CODE("invalid-mfa-code", HttpStatus.UNAUTHORIZED, "The code is wrong, expired or used up"),
    MFA_RESEND_LIMITED("mfa-resend-limited", HttpStatus.TOO_MANY_REQUESTS, "No further code for now"),
    SMS_UNAVAILABLE("sms-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Text messages cannot be sent now"),
    IP_NOT_ALLOWED("ip-not-allowed", HttpStatus.FORBIDDEN, "Calls from this address are not allowed"),
    IP_ALLOWLIST_WOULD_LOCK_OUT("ip-allowlist-would-lock-out", HttpStatus.CONFLICT,
            "The IP allow-list would lock out its sender"),
    PERMISSION_DENIED("permission-denied", HttpStatus.FORBIDDEN, "A permission this needs is missing"),
    PERMISSION_ESCALATION("permission-escalation", HttpStatus.FORBIDDEN,
            "No one may give a permission they do not hold"),
    LAST_ADMINISTRATOR("last-administrator", HttpStatus.CONFLICT,
            "The company would be left without an active administrator"),
    REQUEST_BLOCKED("request-blocked", HttpStatus.FORBIDDEN, "The request was blocked by the application firewall"),
    PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "The request body is too large"),
    URI_TOO_LONG("uri-too-long", HttpStatus.URI_TOO_LONG, "The request URI is too long"),
    HEADERS_TOO_LARGE("headers-too-large", HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "The request headers are too large"),
    RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
    COMPANY_SUSPENDED("company-suspended", HttpStatus.FORBIDDEN, "The company is suspended"),
    LOGIN_ID_TAKEN("login-id-taken", HttpStatus.CONFLICT, "The login ID is taken"),
    INVALID_REGISTRATION_NUMBER("invalid-registration-number", HttpStatus.UNPROCESSABLE_CONTENT,
            "The registration number is not valid"),
    PRECONDITION_REQUIRED("precondition-required", HttpStatus.PRECONDITION_REQUIRED, "If-Match is required"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", HttpStatus.UNPROCESSABLE_CONTENT,
            "The idempotency key was used for another request"),
    IDEMPOTENCY_IN_PROGRESS("idempotency-in-progress", HttpStatus.CONFLICT,
            "A request with this idempotency key is still being served"),
    WRONG_PARTY("wrong-party", HttpStatus.FORBIDDEN, "The other party of the trade does this"),
    QUOTE_EXPIRED("quote-expired", HttpStatus.CONFLICT, "The quote has expired"),
    SSO_FAILED("sso-failed", HttpStatus.UNAUTHORIZED, "Single sign-on did not succeed"),
    SSO_REQUIRED("sso-required", HttpStatus.FORBIDDEN, "The company signs in through its identity provider"),
    MALWARE_DETECTED("malware-detected", HttpStatus.UNPROCESSABLE_CONTENT, "The file contains malware"),
    ATTACHMENT_UNAVAILABLE("attachment-unavailable", HttpStatus.CONFLICT, "The attachment cannot be downloaded now"),
    APPROVAL_REQUIRED("approval-required", HttpStatus.CONFLICT, "The document awaits its approval");

    private final String uri;

    private final HttpStatus status;

    private final String title;

    ProblemType(String slug, HttpStatus status, String title) {
        this.uri = "/problems/" + slug;
        this.status = status;
        this.title = title;
    }

    public String uri() {
        return uri;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }
}
