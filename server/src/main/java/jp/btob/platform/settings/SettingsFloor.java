package jp.btob.platform.settings;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import jp.btob.platform.api.model.MfaChannel;
import jp.btob.platform.api.model.SecurityPreset;

/**
 * What the platform requires of every company, from {@code btob.security.floor}: a company may
 * choose stricter settings, never looser ones. Raising a floor applies at once to every company
 * through {@link #tighten}.
 *
 * @param password              the least password policy
 * @param maxPasswordExpiryDays the longest expiry a company may choose; 0 when the platform does
 *                              not require passwords to expire
 * @param session               the longest sessions
 * @param lockout               the loosest lockout
 * @param mfa                   whether a second factor is required, and the channels offered
 */
public record SettingsFloor(Password password, int maxPasswordExpiryDays, Session session, Lockout lockout, Mfa mfa) {

    private static final String PREFIX = "btob.security.floor.";

    public SettingsFloor {
        if (password == null || session == null || lockout == null || mfa == null) {
            throw new IllegalArgumentException("btob.security.floor needs its password, session, lockout and mfa parts");
        }
        within("password.min-length", password.minLength(), 1, PasswordPolicy.LONGEST);
        within("password.min-character-classes", password.minCharacterClasses(), 0, PasswordPolicy.CHARACTER_CLASSES);
        within("password.history-count", password.historyCount(), 0, PasswordPolicy.LONGEST_HISTORY);
        within("max-password-expiry-days", maxPasswordExpiryDays, 0, SecuritySettings.LONGEST_EXPIRY_DAYS);
        within("session.max-idle-timeout-minutes", session.maxIdleTimeoutMinutes(), 1, SessionPolicy.LONGEST_IDLE_MINUTES);
        within("session.max-absolute-lifetime-minutes", session.maxAbsoluteLifetimeMinutes(), 1, Integer.MAX_VALUE);
        within("lockout.max-failures", lockout.maxFailures(), 1, Integer.MAX_VALUE);
        within("lockout.min-window-minutes", lockout.minWindowMinutes(), 1, LockoutPolicy.LONGEST_MINUTES);
        within("lockout.min-duration-minutes", lockout.minDurationMinutes(), 1, LockoutPolicy.LONGEST_MINUTES);
        if (mfa.channels().isEmpty()) {
            throw new IllegalArgumentException(PREFIX + "mfa.channels must offer at least one of EMAIL, SMS, TOTP");
        }
    }

    /**
     * The settings as they apply under this floor: each value the floor has overtaken since it
     * was saved is raised to the floor, and a preset whose values no longer hold becomes CUSTOM.
     */
    SecuritySettings tighten(SecuritySettings settings) {
        PasswordPolicy p = settings.password();
        int minLength = Math.max(p.minLength(), password.minLength());
        PasswordPolicy strictPassword = new PasswordPolicy(minLength, Math.max(p.maxLength(), minLength),
                Math.max(p.minCharacterClasses(), password.minCharacterClasses()),
                Math.max(p.historyCount(), password.historyCount()),
                p.refuseCommonPasswords() || password.refuseCommonPasswords(),
                p.refuseLoginId() || password.refuseLoginId());
        int expiry = settings.passwordExpiryDays();
        if (maxPasswordExpiryDays > 0 && (expiry == 0 || expiry > maxPasswordExpiryDays)) {
            expiry = maxPasswordExpiryDays;
        }
        SessionPolicy strictSession = tighten(settings.session());
        LockoutPolicy l = settings.lockout();
        LockoutPolicy strictLockout = new LockoutPolicy(Math.min(l.maxFailures(), lockout.maxFailures()),
                Math.max(l.windowMinutes(), lockout.minWindowMinutes()),
                Math.max(l.durationMinutes(), lockout.minDurationMinutes()));
        Set<MfaChannel> channels = EnumSet.noneOf(MfaChannel.class);
        channels.addAll(settings.mfa().allowedChannels());
        channels.retainAll(mfa.channels());
        boolean mfaRequired = settings.mfa().required() || mfa.required();
        if (channels.isEmpty() && mfaRequired) {
            channels.addAll(mfa.channels());
        }
        SecuritySettings strict = new SecuritySettings(settings.preset(), strictPassword, expiry, strictSession,
                strictLockout, new MfaPolicy(mfaRequired, channels));
        return Presets.mismatches(strict).isEmpty() ? strict : strict.withPreset(SecurityPreset.CUSTOM);
    }

    /** A company's session policy under the floor: idle timeout and lifetime no longer than it allows. */
    SessionPolicy tighten(SessionPolicy s) {
        int lifetime = Math.min(s.absoluteLifetimeMinutes(), session.maxAbsoluteLifetimeMinutes());
        return new SessionPolicy(s.idleTimeoutEnabled() || session.idleTimeoutRequired(),
                Math.min(Math.min(s.idleTimeoutMinutes(), session.maxIdleTimeoutMinutes()), lifetime), lifetime);
    }

    private static void within(String property, int value, int least, int most) {
        if (value < least || value > most) {
            throw new IllegalArgumentException(PREFIX + property + " must be "
                    + (most == Integer.MAX_VALUE ? "at least " + least : least + " to " + most) + ", was " + value);
        }
    }

    /** The least password policy: each value a company's may exceed, each refusal it must keep. */
    public record Password(int minLength, int minCharacterClasses, int historyCount, boolean refuseCommonPasswords,
                           boolean refuseLoginId) {
    }

    /** Whether idle timeouts are required, and the longest idle time and session a company may allow. */
    public record Session(boolean idleTimeoutRequired, int maxIdleTimeoutMinutes, int maxAbsoluteLifetimeMinutes) {
    }

    /** The most failures before a lock, and the shortest window and lock a company may choose. */
    public record Lockout(int maxFailures, int minWindowMinutes, int minDurationMinutes) {
    }

    /** Whether every company must require a second factor, and the channels the platform offers. */
    public record Mfa(boolean required, Set<MfaChannel> channels) {

        public Mfa {
            EnumSet<MfaChannel> offered = EnumSet.noneOf(MfaChannel.class);
            if (channels != null) {
                offered.addAll(channels);
            }
            channels = Collections.unmodifiableSet(offered);
        }
    }
}
