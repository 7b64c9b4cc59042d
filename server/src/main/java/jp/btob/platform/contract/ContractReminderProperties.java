package jp.btob.platform.contract;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.scheduling.support.CronExpression;

/**
 * The contracts' expiry reminders ({@code btob.contracts.expiry.*}, SVC-CON).
 *
 * @param cron       when the daily run starts, a Spring cron expression (seconds first) in
 *                   {@code zone}; {@code -} leaves the run to other instances
 * @param zone       the time zone of {@code cron}
 * @param noticeDays how many days before a contract's expiry date, and before its renewal
 *                   notice date, its parties are reminded: each threshold once, from 1 to 366
 */
@ConfigurationProperties("btob.contracts.expiry")
public record ContractReminderProperties(String cron, ZoneId zone, List<Integer> noticeDays) {

    /** The cron value that schedules nothing on this instance. */
    static final String DISABLED = "-";

    public ContractReminderProperties {
        cron = cron == null ? "0 0 8 * * *" : cron.strip();
        zone = zone == null ? ZoneId.of("Asia/Tokyo") : zone;
        noticeDays = (noticeDays == null ? List.of(30, 7, 1) : noticeDays).stream().sorted().distinct().toList();
        if (!cron.equals(DISABLED) && (!CronExpression.isValidExpression(cron)
                || CronExpression.parse(cron).next(ZonedDateTime.now(zone)) == null)) {
            throw new IllegalArgumentException("btob.contracts.expiry.cron (BTOB_CONTRACTS_EXPIRY_CRON) must be a cron"
                    + " expression with seconds, such as 0 0 8 * * *, or - to run none on this instance, not " + cron);
        }
        if (noticeDays.isEmpty() || noticeDays.get(0) < 1 || noticeDays.get(noticeDays.size() - 1) > 366) {
            throw new IllegalArgumentException("btob.contracts.expiry.notice-days (BTOB_CONTRACTS_EXPIRY_NOTICE_DAYS)"
                    + " must list days from 1 to 366, such as 30,7,1, not " + noticeDays);
        }
    }

    boolean scheduled() {
        return !cron.equals(DISABLED);
    }

    /** The furthest a reminder looks ahead. */
    int horizon() {
        return noticeDays.get(noticeDays.size() - 1);
    }

    /** The threshold a date {@code daysLeft} days away falls under: the smallest that is not below it. */
    int threshold(int daysLeft) {
        return noticeDays.stream().filter(days -> days >= daysLeft).findFirst().orElseThrow();
    }
}
