package jp.btob.platform.settings;

import jp.btob.platform.api.model.SecurityPreset;

/**
 * A company's security settings.
 *
 * @param preset             the preset the password policy follows, or {@code CUSTOM}
 * @param password           the password policy
 * @param passwordExpiryDays days after which a password must be changed; 0 when it never expires
 * @param session            how long sessions last
 * @param lockout            when wrong passwords lock an account
 * @param mfa                the second factor
 */
public record SecuritySettings(SecurityPreset preset, PasswordPolicy password, int passwordExpiryDays,
                               SessionPolicy session, LockoutPolicy lockout, MfaPolicy mfa) {

    /** Ten years: a longer expiry is no expiry, and 0 says that plainly. */
    public static final int LONGEST_EXPIRY_DAYS = 3650;

    SecuritySettings withPreset(SecurityPreset other) {
        return new SecuritySettings(other, password, passwordExpiryDays, session, lockout, mfa);
    }
}
