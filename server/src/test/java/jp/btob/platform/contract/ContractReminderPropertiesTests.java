package jp.btob.platform.contract;

import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** The reminder settings: bound as the platform binds them, a wrong one stopping start-up with its name. */
class ContractReminderPropertiesTests {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class);

    @Test
    @DisplayName("[SVC-CON] by default 08:00 every day in Asia/Tokyo, 30, 7 and 1 days before; a list is sorted, its duplicates dropped, and - schedules none")
    void settingsWhenDefaultOrListedThenBound() {
        context.run(started -> {
            ContractReminderProperties properties = started.getBean(ContractReminderProperties.class);
            assertThat(properties.cron()).isEqualTo("0 0 8 * * *");
            assertThat(properties.zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
            assertThat(properties.noticeDays()).containsExactly(1, 7, 30);
            assertThat(properties.scheduled()).isTrue();
        });
        context.withPropertyValues("btob.contracts.expiry.notice-days=14,60,14", "btob.contracts.expiry.cron=-")
                .run(started -> {
                    ContractReminderProperties properties = started.getBean(ContractReminderProperties.class);
                    assertThat(properties.noticeDays()).containsExactly(14, 60);
                    assertThat(properties.scheduled()).isFalse();
                    assertThat(properties.horizon()).isEqualTo(60);
                    assertThat(properties.threshold(0)).isEqualTo(14);
                    assertThat(properties.threshold(14)).isEqualTo(14);
                    assertThat(properties.threshold(15)).isEqualTo(60);
                });
    }

    @Test
    @DisplayName("[SVC-CON] a cron that is no expression or never fires, and notice days outside 1 to 366, stop start-up naming the setting")
    void settingsWhenWrongThenStartupFails() {
        for (String cron : List.of("every day", "0 0 8 * *", "0 0 8 30 2 *")) {
            context.withPropertyValues("btob.contracts.expiry.cron=" + cron).run(started ->
                    assertThat(started.getStartupFailure()).as(cron).rootCause()
                            .hasMessageContaining("btob.contracts.expiry.cron (BTOB_CONTRACTS_EXPIRY_CRON)"));
        }
        for (String days : List.of("0", "30,367", "-1")) {
            context.withPropertyValues("btob.contracts.expiry.notice-days=" + days).run(started ->
                    assertThat(started.getStartupFailure()).as(days).rootCause()
                            .hasMessageContaining("btob.contracts.expiry.notice-days (BTOB_CONTRACTS_EXPIRY_NOTICE_DAYS)"));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ContractReminderProperties.class)
    static class Settings {
    }
}
