package jp.btob.platform.settings;

import jp.btob.platform.api.model.SecurityPreset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** btob.security as start-up binds it from application.yml: the shipped defaults and floors, and wrong values stopping start-up. */
class SecuritySettingsPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(Settings.class);

    @Test
    @DisplayName("[SEC-PWPOL] the shipped defaults are the whitepaper's policy and keep the shipped floor")
    void unsetThenWhitepaperDefaultsAndFloor() {
        runner.run(context -> {
            SecuritySettingsProperties properties = context.getBean(SecuritySettingsProperties.class);
            SecuritySettings defaults = properties.defaultSettings();
            assertThat(defaults.preset()).isEqualTo(SecurityPreset.WHITEPAPER);
            assertThat(defaults.password()).isEqualTo(new PasswordPolicy(8, 15, 3, 4, true, true));
            assertThat(defaults.passwordExpiryDays()).isZero();
            assertThat(properties.floor()).isEqualTo(SettingsRulesTests.SHIPPED);
        });
    }

    @Test
    @DisplayName("[SEC-PWPOL] defaults matching the ASVS preset are presented as ASVS, others as CUSTOM")
    void asvsDefaultsThenPresentedAsAsvs() {
        runner.withPropertyValues("btob.security.defaults.password.min-length=12",
                        "btob.security.defaults.password.max-length=128",
                        "btob.security.defaults.password.min-character-classes=0")
                .run(context -> assertThat(context.getBean(SecuritySettingsProperties.class).defaultSettings().preset())
                        .isEqualTo(SecurityPreset.ASVS));
        runner.withPropertyValues("btob.security.defaults.password.min-length=10")
                .run(context -> assertThat(context.getBean(SecuritySettingsProperties.class).defaultSettings().preset())
                        .isEqualTo(SecurityPreset.CUSTOM));
    }

    @Test
    @DisplayName("[SEC-PWPOL] defaults below the floor stop start-up naming each default setting and the floor")
    void defaultsBelowFloorThenStartupFailsNamingSettings() {
        runner.withPropertyValues("btob.security.defaults.password.min-length=6",
                        "btob.security.defaults.password.refuse-common-passwords=false",
                        "btob.security.floor.max-password-expiry-days=90")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().message()
                            .contains("btob.security.defaults.password.min-length must be at least 8, the platform's floor")
                            .contains("btob.security.defaults.password.refuse-common-passwords")
                            .contains("btob.security.defaults.password-expiry-days");
                });
    }

    @Test
    @DisplayName("[SEC-PWPOL] a floor outside the platform's limits stops start-up naming it")
    void floorOutOfRangeThenStartupFailsNamingIt() {
        runner.withPropertyValues("btob.security.floor.password.min-length=0").run(context ->
                assertThat(context.getStartupFailure()).rootCause().message()
                        .contains("btob.security.floor.password.min-length must be 1 to 128, was 0"));
        runner.withPropertyValues("btob.security.floor.password.min-character-classes=5").run(context ->
                assertThat(context.getStartupFailure()).rootCause().message()
                        .contains("btob.security.floor.password.min-character-classes"));
        runner.withPropertyValues("btob.security.floor.mfa.channels=").run(context ->
                assertThat(context.getStartupFailure()).rootCause().message()
                        .contains("btob.security.floor.mfa.channels"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SecuritySettingsProperties.class)
    static class Settings {
    }
}
