package jp.btob.platform.settings;

import java.util.EnumSet;
import java.util.List;

import jp.btob.platform.api.model.MfaChannel;
import jp.btob.platform.api.model.SecurityPreset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules a change must keep, against floors other than the shipped ones. */
class SettingsRulesTests {

    static final SettingsFloor SHIPPED = new SettingsFloor(new SettingsFloor.Password(8, 0, 1, true, true), 0,
            new SettingsFloor.Session(false, 1440, 1440), new SettingsFloor.Lockout(10, 1, 1),
            new SettingsFloor.Mfa(false, EnumSet.allOf(MfaChannel.class)));

    static final SecuritySettings WHITEPAPER = new SecuritySettings(SecurityPreset.WHITEPAPER,
            new PasswordPolicy(8, 15, 3, 4, true, true), 0, new SessionPolicy(true, 30, 720),
            new LockoutPolicy(5, 15, 30), new MfaPolicy(false, EnumSet.allOf(MfaChannel.class)));

    @Test
    @DisplayName("[SEC-PWPOL] the whitepaper defaults keep every rule of the shipped floor")
    void whitepaperDefaultsThenNoViolation() {
        assertThat(SettingsRules.check(WHITEPAPER, SHIPPED)).isEmpty();
    }

    @Test
    @DisplayName("[SEC-PWEXP] when the platform requires expiry within 90 days, 0 (off) and 91 are refused as below the floor, 1 and 90 accepted")
    void expiryFloorThenOffAndLongerRefused() {
        SettingsFloor expiring = new SettingsFloor(SHIPPED.password(), 90, SHIPPED.session(), SHIPPED.lockout(), SHIPPED.mfa());

        assertThat(codes(SettingsRules.check(withExpiry(0), expiring))).containsExactly("PASSWORD_EXPIRY_DAYS below-floor");
        assertThat(codes(SettingsRules.check(withExpiry(91), expiring))).containsExactly("PASSWORD_EXPIRY_DAYS below-floor");
        assertThat(SettingsRules.check(withExpiry(90), expiring)).isEmpty();
        assertThat(SettingsRules.check(withExpiry(1), expiring)).isEmpty();
        assertThat(SettingsRules.check(withExpiry(0), expiring).get(0).message()).contains("1 to 90");
    }

    @Test
    @DisplayName("[SEC-MFA] a channel the platform does not offer is refused as not-offered; where the platform requires MFA, a company cannot turn it off")
    void mfaFloorThenChannelsAndRequirementHeld() {
        SettingsFloor strict = new SettingsFloor(SHIPPED.password(), 0, SHIPPED.session(), SHIPPED.lockout(),
                new SettingsFloor.Mfa(true, EnumSet.of(MfaChannel.TOTP, MfaChannel.EMAIL)));
        SecuritySettings sms = withMfa(new MfaPolicy(false, EnumSet.of(MfaChannel.SMS, MfaChannel.TOTP)));

        assertThat(codes(SettingsRules.check(sms, strict)))
                .containsExactlyInAnyOrder("MFA_REQUIRED below-floor", "MFA_ALLOWED_CHANNELS not-offered");
        assertThat(SettingsRules.check(withMfa(new MfaPolicy(true, EnumSet.of(MfaChannel.TOTP))), strict)).isEmpty();
    }

    @Test
    @DisplayName("[SEC-IDLE] where the platform requires an idle timeout, turning it off is refused as below the floor")
    void idleFloorThenCannotTurnOff() {
        SettingsFloor strict = new SettingsFloor(SHIPPED.password(), 0, new SettingsFloor.Session(true, 60, 480),
                SHIPPED.lockout(), SHIPPED.mfa());
        SecuritySettings off = new SecuritySettings(SecurityPreset.WHITEPAPER, WHITEPAPER.password(), 0,
                new SessionPolicy(false, 90, 600), WHITEPAPER.lockout(), WHITEPAPER.mfa());

        assertThat(codes(SettingsRules.check(off, strict))).containsExactlyInAnyOrder(
                "IDLE_TIMEOUT_ENABLED below-floor", "IDLE_TIMEOUT_MINUTES below-floor", "ABSOLUTE_LIFETIME_MINUTES below-floor");
    }

    @Test
    @DisplayName("[SEC-PWPOL] a raised floor on character classes refuses the ASVS preset's 0 classes, naming the floor")
    void classesFloorThenAsvsRefused() {
        SettingsFloor classes = new SettingsFloor(new SettingsFloor.Password(8, 2, 1, true, true), 0, SHIPPED.session(),
                SHIPPED.lockout(), SHIPPED.mfa());
        SecuritySettings asvs = new SecuritySettings(SecurityPreset.ASVS, new PasswordPolicy(12, 128, 0, 4, true, true),
                0, WHITEPAPER.session(), WHITEPAPER.lockout(), WHITEPAPER.mfa());

        List<Violation> violations = SettingsRules.check(asvs, classes);
        assertThat(codes(violations)).containsExactly("PASSWORD_MIN_CHARACTER_CLASSES below-floor");
        assertThat(violations.get(0).message()).contains("at least 2");
    }

    private static SecuritySettings withExpiry(int days) {
        return new SecuritySettings(SecurityPreset.WHITEPAPER, WHITEPAPER.password(), days, WHITEPAPER.session(),
                WHITEPAPER.lockout(), WHITEPAPER.mfa());
    }

    private static SecuritySettings withMfa(MfaPolicy mfa) {
        return new SecuritySettings(SecurityPreset.WHITEPAPER, WHITEPAPER.password(), 0, WHITEPAPER.session(),
                WHITEPAPER.lockout(), mfa);
    }

    static List<String> codes(List<Violation> violations) {
        return violations.stream().map(violation -> violation.field().name() + " " + violation.code().getValue()).toList();
    }
}
