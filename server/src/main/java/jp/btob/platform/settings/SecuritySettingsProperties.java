package jp.btob.platform.settings;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The platform's side of the security settings, checked at start-up: the defaults a company has
 * until it saves its own, and the floor no company may go below. Defaults that break the floor
 * stop the server with a message naming each offending setting.
 *
 * @param defaults the settings of a company that has not saved its own
 * @param floor    what every company must at least require
 */
@ConfigurationProperties("btob.security")
public record SecuritySettingsProperties(Defaults defaults, SettingsFloor floor) {

    public SecuritySettingsProperties {
        if (defaults == null || floor == null) {
            throw new IllegalArgumentException("btob.security needs both its defaults and its floor");
        }
        List<Violation> violations = SettingsRules.check(defaults.settings(), floor);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException(violations.stream()
                    .map(violation -> "btob.security.defaults." + violation.field().property() + " " + violation.message())
                    .collect(Collectors.joining("; ")));
        }
    }

    /** The defaults as settings, presented under the preset they match. */
    SecuritySettings defaultSettings() {
        return defaults.settings();
    }

    /** The platform's default settings; their preset is the one their values match, else CUSTOM. */
    public record Defaults(PasswordPolicy password, int passwordExpiryDays, SessionPolicy session,
                           LockoutPolicy lockout, MfaPolicy mfa) {

        public Defaults {
            if (password == null || session == null || lockout == null || mfa == null) {
                throw new IllegalArgumentException(
                        "btob.security.defaults needs its password, session, lockout and mfa parts");
            }
        }

        SecuritySettings settings() {
            return Presets.recognise(new SecuritySettings(null, password, passwordExpiryDays, session, lockout, mfa));
        }
    }
}
