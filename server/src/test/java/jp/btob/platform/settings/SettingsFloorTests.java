package jp.btob.platform.settings;

import java.util.EnumSet;

import jp.btob.platform.api.model.MfaChannel;
import jp.btob.platform.api.model.SecurityPreset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static jp.btob.platform.settings.SettingsRulesTests.SHIPPED;
import static jp.btob.platform.settings.SettingsRulesTests.WHITEPAPER;
import static org.assertj.core.api.Assertions.assertThat;

/** A floor raised after a company saved its settings applies at once: the values in force are never looser. */
class SettingsFloorTests {

    @Test
    @DisplayName("[SEC-PWPOL] settings that keep the floor are in force as saved")
    void withinFloorThenUnchanged() {
        assertThat(SHIPPED.tighten(WHITEPAPER)).isEqualTo(WHITEPAPER);
    }

    @Test
    @DisplayName("[SEC-PWPOL] a raised floor lifts every value it overtakes, keeps max at least min, and turns a preset it breaks into CUSTOM")
    void raisedFloorThenSavedValuesTightened() {
        SettingsFloor raised = new SettingsFloor(new SettingsFloor.Password(16, 4, 6, true, true), 60,
                new SettingsFloor.Session(true, 20, 480), new SettingsFloor.Lockout(3, 30, 60),
                new SettingsFloor.Mfa(true, EnumSet.of(MfaChannel.TOTP)));
        SecuritySettings saved = new SecuritySettings(SecurityPreset.WHITEPAPER,
                new PasswordPolicy(8, 15, 3, 4, false, false), 0, new SessionPolicy(false, 30, 720),
                new LockoutPolicy(5, 15, 30), new MfaPolicy(false, EnumSet.of(MfaChannel.EMAIL, MfaChannel.SMS)));

        SecuritySettings inForce = raised.tighten(saved);

        assertThat(inForce.preset()).isEqualTo(SecurityPreset.CUSTOM);
        assertThat(inForce.password()).isEqualTo(new PasswordPolicy(16, 16, 4, 6, true, true));
        assertThat(inForce.passwordExpiryDays()).isEqualTo(60);
        assertThat(inForce.session()).isEqualTo(new SessionPolicy(true, 20, 480));
        assertThat(inForce.lockout()).isEqualTo(new LockoutPolicy(3, 30, 60));
        assertThat(inForce.mfa()).isEqualTo(new MfaPolicy(true, EnumSet.of(MfaChannel.TOTP)));
        assertThat(SettingsRules.check(inForce, raised)).as("what is in force keeps the floor").isEmpty();
    }

    @Test
    @DisplayName("[SEC-PWEXP] a saved expiry longer than a raised ceiling is shortened to it; a shorter one stays")
    void expiryCeilingThenShortened() {
        SettingsFloor ninety = new SettingsFloor(SHIPPED.password(), 90, SHIPPED.session(), SHIPPED.lockout(), SHIPPED.mfa());
        assertThat(ninety.tighten(expiring(365)).passwordExpiryDays()).isEqualTo(90);
        assertThat(ninety.tighten(expiring(30)).passwordExpiryDays()).isEqualTo(30);
        assertThat(ninety.tighten(expiring(30)).preset()).isEqualTo(SecurityPreset.WHITEPAPER);
    }

    @Test
    @DisplayName("[SEC-IDLE] a lowered session ceiling below the saved idle time brings the idle time down with it")
    void lifetimeCeilingThenIdleWithinIt() {
        SettingsFloor shortSessions = new SettingsFloor(SHIPPED.password(), 0, new SettingsFloor.Session(false, 1440, 20),
                SHIPPED.lockout(), SHIPPED.mfa());
        assertThat(shortSessions.tighten(WHITEPAPER).session()).isEqualTo(new SessionPolicy(true, 20, 20));
    }

    private static SecuritySettings expiring(int days) {
        return new SecuritySettings(SecurityPreset.WHITEPAPER, WHITEPAPER.password(), days, WHITEPAPER.session(),
                WHITEPAPER.lockout(), WHITEPAPER.mfa());
    }
}
