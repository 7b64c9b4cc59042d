package jp.btob.platform.audit;

/** What an audit event records, as {@code <feature>.<verb>}; every audited action is listed here. */
public enum AuditAction {

    LOGIN("auth.login"),
    LOGOUT("auth.logout"),
    PARTNER_INVITE("partner.invite"),
    PARTNER_ACCEPT("partner.accept"),
    PARTNER_SUSPEND("partner.suspend"),
    PARTNER_RESUME("partner.resume"),
    KEY_MASTER_ROTATE("key.master-rotate"),
    KEY_REWRAP("key.rewrap"),
    KEY_DATA_ROTATE("key.data-rotate"),
    KEY_REENCRYPT("key.reencrypt"),
    AUDIT_EXPIRE("audit.expire");

    private final String code;

    AuditAction(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
