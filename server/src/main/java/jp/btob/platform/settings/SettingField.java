package jp.btob.platform.settings;

/**
 * Each setting, by its path in the API and its name under {@code btob.security.defaults}, so that
 * one rule names the field to a client and the property to an operator.
 */
enum SettingField {

    PASSWORD_MIN_LENGTH("passwordPolicy.minLength", "password.min-length"),
    PASSWORD_MAX_LENGTH("passwordPolicy.maxLength", "password.max-length"),
    PASSWORD_MIN_CHARACTER_CLASSES("passwordPolicy.minCharacterClasses", "password.min-character-classes"),
    PASSWORD_HISTORY_COUNT("passwordPolicy.historyCount", "password.history-count"),
    REFUSE_COMMON_PASSWORDS("passwordPolicy.refuseCommonPasswords", "password.refuse-common-passwords"),
    REFUSE_LOGIN_ID("passwordPolicy.refuseLoginId", "password.refuse-login-id"),
    PASSWORD_EXPIRY_DAYS("passwordExpiryDays", "password-expiry-days"),
    IDLE_TIMEOUT_ENABLED("session.idleTimeoutEnabled", "session.idle-timeout-enabled"),
    IDLE_TIMEOUT_MINUTES("session.idleTimeoutMinutes", "session.idle-timeout-minutes"),
    ABSOLUTE_LIFETIME_MINUTES("session.absoluteLifetimeMinutes", "session.absolute-lifetime-minutes"),
    LOCKOUT_MAX_FAILURES("lockout.maxFailures", "lockout.max-failures"),
    LOCKOUT_WINDOW_MINUTES("lockout.windowMinutes", "lockout.window-minutes"),
    LOCKOUT_DURATION_MINUTES("lockout.durationMinutes", "lockout.duration-minutes"),
    MFA_REQUIRED("mfa.required", "mfa.required"),
    MFA_ALLOWED_CHANNELS("mfa.allowedChannels", "mfa.allowed-channels");

    private final String apiPath;

    private final String property;

    SettingField(String apiPath, String property) {
        this.apiPath = apiPath;
        this.property = property;
    }

    String apiPath() {
        return apiPath;
    }

    /** The name under {@code btob.security.defaults}. */
    String property() {
        return property;
    }
}
