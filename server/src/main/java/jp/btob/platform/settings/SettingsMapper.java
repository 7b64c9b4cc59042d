package jp.btob.platform.settings;

import java.util.LinkedHashMap;
import java.util.Map;

import jp.btob.platform.api.model.MfaChannel;
import jp.btob.platform.api.model.SecuritySettingsUpdate;
import jp.btob.platform.system.Times;

/** Between the settings feature's records and the API's models, in both directions, once. */
final class SettingsMapper {

    private SettingsMapper() {
    }

    static SecuritySettings settings(SecuritySettingsUpdate update) {
        jp.btob.platform.api.model.PasswordPolicy p = update.getPasswordPolicy();
        jp.btob.platform.api.model.SessionPolicy s = update.getSession();
        jp.btob.platform.api.model.LockoutPolicy l = update.getLockout();
        return new SecuritySettings(update.getPreset(),
                new PasswordPolicy(p.getMinLength(), p.getMaxLength(), p.getMinCharacterClasses(), p.getHistoryCount(),
                        p.getRefuseCommonPasswords(), p.getRefuseLoginId()),
                update.getPasswordExpiryDays(),
                new SessionPolicy(s.getIdleTimeoutEnabled(), s.getIdleTimeoutMinutes(), s.getAbsoluteLifetimeMinutes()),
                new LockoutPolicy(l.getMaxFailures(), l.getWindowMinutes(), l.getDurationMinutes()),
                new MfaPolicy(update.getMfa().getRequired(), update.getMfa().getAllowedChannels()));
    }

    static jp.btob.platform.api.model.SecuritySettings api(VersionedSettings versioned) {
        SecuritySettings settings = versioned.settings();
        PasswordPolicy p = settings.password();
        SessionPolicy s = settings.session();
        LockoutPolicy l = settings.lockout();
        return new jp.btob.platform.api.model.SecuritySettings(settings.preset(),
                new jp.btob.platform.api.model.PasswordPolicy(p.minLength(), p.maxLength(), p.minCharacterClasses(),
                        p.historyCount(), p.refuseCommonPasswords(), p.refuseLoginId()),
                settings.passwordExpiryDays(),
                new jp.btob.platform.api.model.SessionPolicy(s.idleTimeoutEnabled(), s.idleTimeoutMinutes(),
                        s.absoluteLifetimeMinutes()),
                new jp.btob.platform.api.model.LockoutPolicy(l.maxFailures(), l.windowMinutes(), l.durationMinutes()),
                new jp.btob.platform.api.model.MfaPolicy(settings.mfa().required(), settings.mfa().allowedChannels()),
                versioned.version())
                .updatedAt(Times.utc(versioned.updatedAt()))
                .updatedBy(versioned.updatedBy());
    }

    /** The settings as the audit trail shows them, with the API's names, so an administrator reads them as sent. */
    static Map<String, Object> describe(SecuritySettings settings) {
        PasswordPolicy p = settings.password();
        SessionPolicy s = settings.session();
        LockoutPolicy l = settings.lockout();
        Map<String, Object> password = new LinkedHashMap<>();
        password.put("minLength", p.minLength());
        password.put("maxLength", p.maxLength());
        password.put("minCharacterClasses", p.minCharacterClasses());
        password.put("historyCount", p.historyCount());
        password.put("refuseCommonPasswords", p.refuseCommonPasswords());
        password.put("refuseLoginId", p.refuseLoginId());
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("preset", settings.preset().getValue());
        described.put("passwordPolicy", password);
        described.put("passwordExpiryDays", settings.passwordExpiryDays());
        described.put("session", Map.of("idleTimeoutEnabled", s.idleTimeoutEnabled(),
                "idleTimeoutMinutes", s.idleTimeoutMinutes(), "absoluteLifetimeMinutes", s.absoluteLifetimeMinutes()));
        described.put("lockout", Map.of("maxFailures", l.maxFailures(), "windowMinutes", l.windowMinutes(),
                "durationMinutes", l.durationMinutes()));
        described.put("mfa", Map.of("required", settings.mfa().required(),
                "allowedChannels", settings.mfa().allowedChannels().stream().map(MfaChannel::getValue).toList()));
        return described;
    }
}
