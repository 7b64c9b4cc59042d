package jp.btob.platform.settings;

import java.util.ArrayList;
import java.util.List;

import jp.btob.platform.api.model.FieldError.CodeEnum;
import jp.btob.platform.api.model.MfaChannel;

/**
 * Whether settings may be saved: within the platform's limits, no looser than its floor,
 * consistent, and true to their preset. Every rule broken is reported, not just the first.
 */
final class SettingsRules {

    private final SettingsFloor floor;

    private final List<Violation> violations = new ArrayList<>();

    private SettingsRules(SettingsFloor floor) {
        this.floor = floor;
    }

    static List<Violation> check(SecuritySettings settings, SettingsFloor floor) {
        SettingsRules rules = new SettingsRules(floor);
        rules.password(settings.password());
        rules.expiry(settings.passwordExpiryDays());
        rules.session(settings.session());
        rules.lockout(settings.lockout());
        rules.mfa(settings.mfa());
        rules.violations.addAll(Presets.mismatches(settings));
        return List.copyOf(rules.violations);
    }

    private void password(PasswordPolicy p) {
        SettingsFloor.Password least = floor.password();
        atLeastFloor(SettingField.PASSWORD_MIN_LENGTH, p.minLength(), least.minLength());
        atMost(SettingField.PASSWORD_MAX_LENGTH, p.maxLength(), PasswordPolicy.LONGEST);
        if (p.minLength() > p.maxLength()) {
            inconsistent(SettingField.PASSWORD_MIN_LENGTH, "must not be more than passwordPolicy.maxLength (" + p.maxLength() + ")");
            inconsistent(SettingField.PASSWORD_MAX_LENGTH, "must not be less than passwordPolicy.minLength (" + p.minLength() + ")");
        }
        atMost(SettingField.PASSWORD_MIN_CHARACTER_CLASSES, p.minCharacterClasses(), PasswordPolicy.CHARACTER_CLASSES);
        atLeastFloor(SettingField.PASSWORD_MIN_CHARACTER_CLASSES, p.minCharacterClasses(), least.minCharacterClasses());
        if (p.minCharacterClasses() > p.maxLength()) {
            inconsistent(SettingField.PASSWORD_MIN_CHARACTER_CLASSES,
                    "cannot be met by a password of at most passwordPolicy.maxLength (" + p.maxLength() + ") characters");
        }
        atMost(SettingField.PASSWORD_HISTORY_COUNT, p.historyCount(), PasswordPolicy.LONGEST_HISTORY);
        atLeastFloor(SettingField.PASSWORD_HISTORY_COUNT, p.historyCount(), least.historyCount());
        keepsRequired(SettingField.REFUSE_COMMON_PASSWORDS, p.refuseCommonPasswords(), least.refuseCommonPasswords());
        keepsRequired(SettingField.REFUSE_LOGIN_ID, p.refuseLoginId(), least.refuseLoginId());
    }

    private void expiry(int days) {
        atMost(SettingField.PASSWORD_EXPIRY_DAYS, days, SecuritySettings.LONGEST_EXPIRY_DAYS);
        int ceiling = floor.maxPasswordExpiryDays();
        if (ceiling > 0 && (days == 0 || days > ceiling)) {
            violations.add(new Violation(SettingField.PASSWORD_EXPIRY_DAYS, CodeEnum.BELOW_FLOOR,
                    "must be 1 to " + ceiling + ": the platform requires passwords to expire within " + ceiling + " days"));
        }
    }

    private void session(SessionPolicy s) {
        SettingsFloor.Session least = floor.session();
        if (least.idleTimeoutRequired() && !s.idleTimeoutEnabled()) {
            violations.add(new Violation(SettingField.IDLE_TIMEOUT_ENABLED, CodeEnum.BELOW_FLOOR,
                    "must be true: the platform requires an idle timeout"));
        }
        atLeast(SettingField.IDLE_TIMEOUT_MINUTES, s.idleTimeoutMinutes(), 1);
        atMost(SettingField.IDLE_TIMEOUT_MINUTES, s.idleTimeoutMinutes(), SessionPolicy.LONGEST_IDLE_MINUTES);
        atMostCeiling(SettingField.IDLE_TIMEOUT_MINUTES, s.idleTimeoutMinutes(), least.maxIdleTimeoutMinutes());
        atLeast(SettingField.ABSOLUTE_LIFETIME_MINUTES, s.absoluteLifetimeMinutes(), 1);
        atMostCeiling(SettingField.ABSOLUTE_LIFETIME_MINUTES, s.absoluteLifetimeMinutes(), least.maxAbsoluteLifetimeMinutes());
        if (s.idleTimeoutEnabled() && s.idleTimeoutMinutes() > s.absoluteLifetimeMinutes()) {
            inconsistent(SettingField.IDLE_TIMEOUT_MINUTES,
                    "must not be more than session.absoluteLifetimeMinutes (" + s.absoluteLifetimeMinutes() + ")");
        }
    }

    private void lockout(LockoutPolicy l) {
        SettingsFloor.Lockout least = floor.lockout();
        atLeast(SettingField.LOCKOUT_MAX_FAILURES, l.maxFailures(), 1);
        atMostCeiling(SettingField.LOCKOUT_MAX_FAILURES, l.maxFailures(), least.maxFailures());
        atMost(SettingField.LOCKOUT_WINDOW_MINUTES, l.windowMinutes(), LockoutPolicy.LONGEST_MINUTES);
        atLeastFloor(SettingField.LOCKOUT_WINDOW_MINUTES, l.windowMinutes(), least.minWindowMinutes());
        atMost(SettingField.LOCKOUT_DURATION_MINUTES, l.durationMinutes(), LockoutPolicy.LONGEST_MINUTES);
        atLeastFloor(SettingField.LOCKOUT_DURATION_MINUTES, l.durationMinutes(), least.minDurationMinutes());
    }

    private void mfa(MfaPolicy m) {
        SettingsFloor.Mfa least = floor.mfa();
        keepsRequired(SettingField.MFA_REQUIRED, m.required(), least.required());
        for (MfaChannel channel : m.allowedChannels()) {
            if (!least.channels().contains(channel)) {
                violations.add(new Violation(SettingField.MFA_ALLOWED_CHANNELS, CodeEnum.NOT_OFFERED,
                        "may only name channels the platform offers (" + least.channels() + "), not " + channel));
            }
        }
        if (m.required() && m.allowedChannels().isEmpty()) {
            inconsistent(SettingField.MFA_ALLOWED_CHANNELS, "must name at least one channel when mfa.required is true");
        }
    }

    private void atLeast(SettingField field, int value, int least) {
        if (value < least) {
            violations.add(new Violation(field, CodeEnum.TOO_SMALL, "must be at least " + least));
        }
    }

    private void atMost(SettingField field, int value, int most) {
        if (value > most) {
            violations.add(new Violation(field, CodeEnum.TOO_LARGE, "must be at most " + most));
        }
    }

    private void atLeastFloor(SettingField field, int value, int least) {
        if (value < least) {
            violations.add(new Violation(field, CodeEnum.BELOW_FLOOR, "must be at least " + least + ", the platform's floor"));
        }
    }

    /** Where less is stricter, the floor is a ceiling. */
    private void atMostCeiling(SettingField field, int value, int most) {
        if (value > most) {
            violations.add(new Violation(field, CodeEnum.BELOW_FLOOR, "must be at most " + most + ", the platform's floor"));
        }
    }

    private void keepsRequired(SettingField field, boolean value, boolean required) {
        if (required && !value) {
            violations.add(new Violation(field, CodeEnum.BELOW_FLOOR, "must be true: the platform's floor requires it"));
        }
    }

    private void inconsistent(SettingField field, String message) {
        violations.add(new Violation(field, CodeEnum.INCONSISTENT, message));
    }
}
