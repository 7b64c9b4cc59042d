package jp.btob.platform.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** The retention settings: bound as the platform binds them, refused at start-up below the floor. */
class AuditRetentionPropertiesTests {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class);

    @Test
    @DisplayName("[OPS-AUDIT] a retention below one year (P11M, P364D, 7d, a negative period) stops start-up, naming btob.audit.retention and BTOB_AUDIT_RETENTION")
    void retentionWhenBelowFloorThenStartupFails() {
        for (String value : new String[] {"P11M", "P364D", "7d", "P0D", "-P7Y", "P2Y-13M"}) {
            context.withPropertyValues("btob.audit.retention=" + value).run(started -> {
                assertThat(started).as(value).hasFailed();
                assertThat(rootCause(started.getStartupFailure())).as(value)
                        .hasMessageContaining("btob.audit.retention (BTOB_AUDIT_RETENTION)")
                        .hasMessageContaining("less than the floor of P1Y");
            });
        }
    }

    @Test
    @DisplayName("[OPS-AUDIT] seven years by default, every hour; one year, twelve months and 365 days are at the floor and accepted")
    void retentionWhenDefaultOrAtFloorThenAccepted() {
        context.run(started -> {
            AuditRetentionProperties properties = started.getBean(AuditRetentionProperties.class);
            assertThat(properties.retention()).isEqualTo(Period.ofYears(7));
            assertThat(properties.expiryInterval()).isEqualTo(Duration.ofHours(1));
        });
        for (String value : new String[] {"P1Y", "P12M", "P365D", "10y"}) {
            context.withPropertyValues("btob.audit.retention=" + value).run(started ->
                    assertThat(started).as(value).hasNotFailed().hasSingleBean(AuditRetentionProperties.class));
        }
    }

    @Test
    @DisplayName("[OPS-AUDIT] a negative expiry interval stops start-up, naming the setting; 0 is accepted and leaves expiry to other instances")
    void intervalWhenNegativeThenStartupFails() {
        context.withPropertyValues("btob.audit.expiry-interval=-1m").run(started ->
                assertThat(rootCause(started.getStartupFailure()))
                        .hasMessageContaining("btob.audit.expiry-interval (BTOB_AUDIT_EXPIRY_INTERVAL)"));
        context.withPropertyValues("btob.audit.expiry-interval=0").run(started ->
                assertThat(started.getBean(AuditRetentionProperties.class).expiryInterval()).isZero());
    }

    @Test
    @DisplayName("[OPS-AUDIT] the cutoff is the start (UTC) of the month that holds now minus the retention: whole months only, and a month ending exactly then is past")
    void cutoffThenStartOfMonthOfNowMinusRetention() {
        AuditRetentionProperties sevenYears = new AuditRetentionProperties(Period.ofYears(7), null);
        assertThat(sevenYears.cutoff(Instant.parse("2026-05-15T12:00:00Z"))).isEqualTo(Instant.parse("2019-05-01T00:00:00Z"));
        assertThat(sevenYears.cutoff(Instant.parse("2026-05-01T00:00:00Z"))).isEqualTo(Instant.parse("2019-05-01T00:00:00Z"));
        assertThat(sevenYears.cutoff(Instant.parse("2026-04-30T23:59:59.999Z"))).isEqualTo(Instant.parse("2019-04-01T00:00:00Z"));
        AuditRetentionProperties oneYear = new AuditRetentionProperties(Period.ofYears(1), null);
        assertThat(oneYear.cutoff(Instant.parse("2028-02-29T08:00:00Z"))).isEqualTo(Instant.parse("2027-02-01T00:00:00Z"));
        AuditRetentionProperties days = new AuditRetentionProperties(Period.ofDays(400), null);
        assertThat(days.cutoff(Instant.parse("2026-03-10T00:00:00Z"))).isEqualTo(Instant.parse("2025-02-01T00:00:00Z"));
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AuditRetentionProperties.class)
    static class Settings {
    }
}
