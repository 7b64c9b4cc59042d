package jp.btob.platform.audit;

/** What an audit event records, as {@code <feature>.<verb>}; every audited action is listed here. */
public enum AuditAction {

    LOGIN("auth.login"),
    LOGOUT("auth.logout"),
    PASSWORD_CHANGE("auth.password-change"),
    AUTH_MFA_CHALLENGE("auth.mfa-challenge"),
    AUTH_MFA_VERIFY("auth.mfa-verify"),
    AUTH_MFA_ENROL("auth.mfa-enrol"),
    AUTH_LOGIN_THEME("auth.login-theme"),
    AUTH_LOCKOUT("auth.lockout"),
    AUTH_UNLOCK("auth.unlock"),
    AUTH_SESSION_END("auth.session-end"),
    PARTNER_INVITE("partner.invite"),
    PARTNER_ACCEPT("partner.accept"),
    PARTNER_SUSPEND("partner.suspend"),
    PARTNER_RESUME("partner.resume"),
    KEY_MASTER_ROTATE("key.master-rotate"),
    KEY_REWRAP("key.rewrap"),
    KEY_DATA_ROTATE("key.data-rotate"),
    KEY_REENCRYPT("key.reencrypt"),
    OPERATOR_LOGIN("operator.login"),
    OPERATOR_LOGOUT("operator.logout"),
    OPERATOR_MFA_CHALLENGE("operator.mfa-challenge"),
    OPERATOR_MFA_ENROL("operator.mfa-enrol"),
    INCIDENT_RECORD("incident.record"),
    INCIDENT_ADD_COMPANIES("incident.add-companies"),
    INCIDENT_UPDATE("incident.update"),
    INCIDENT_RESOLVE("incident.resolve"),
    AUDIT_CHAIN_BROKEN("audit.chain-broken"),
    ALERT_RULE_CREATE("alert.rule-create"),
    ALERT_RULE_UPDATE("alert.rule-update"),
    ALERT_RULE_DELETE("alert.rule-delete"),
    ALERT_ENDPOINT_CREATE("alert.endpoint-create"),
    ALERT_ENDPOINT_DELETE("alert.endpoint-delete"),
    ALERT_ENDPOINT_ROTATE("alert.endpoint-rotate-secret"),
    AUDIT_EXPIRE("audit.expire"),
    ADMIN_ACCOUNT_REVIEW("admin.account-review"),
    SETTINGS_SECURITY_UPDATE("settings.security-update"),
    SETTINGS_IP_ALLOWLIST_UPDATE("settings.ip-allowlist-update"),
    USER_CREATE("user.create"),
    USER_UPDATE("user.update"),
    USER_DISABLE("user.disable"),
    USER_ENABLE("user.enable"),
    USER_DELETE("user.delete"),
    USER_PASSWORD_RESET("user.password-reset"),
    USER_SESSIONS_END("user.sessions-end"),
    ROLE_CREATE("role.create"),
    ROLE_UPDATE("role.update"),
    ROLE_DELETE("role.delete"),
    ROLE_GRANT("role.grant"),
    IP_BLOCK("ip.block"),
    ACCESS_DENIED("access.denied"),
    API_CLIENT_CREATE("apiclient.create"),
    API_CLIENT_UPDATE("apiclient.update"),
    API_CLIENT_REVOKE("apiclient.revoke"),
    API_CLIENT_ROTATE("apiclient.rotate-secret"),
    API_CLIENT_AUTH("auth.api-client"),
    WAF_BLOCK("waf.block"),
    WAF_DETECT("waf.detect"),
    COMPANY_CREATE("company.create"),
    COMPANY_SUSPEND("company.suspend"),
    COMPANY_REACTIVATE("company.reactivate"),
    SSO_PROVIDER_CREATE("sso.provider-create"),
    SSO_PROVIDER_UPDATE("sso.provider-update"),
    SSO_PROVIDER_DELETE("sso.provider-delete"),
    SSO_OPTIONS_UPDATE("sso.options-update"),
    SSO_BREAK_GLASS("sso.break-glass");

    private final String code;

    AuditAction(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
