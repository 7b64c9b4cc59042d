package jp.btob.platform.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long the audit trail is kept (OPS-AUDIT).
 *
 * @param retention      how long an event is kept at least: a month of a chain is removed once
 *                       it ended this long ago. Seven years by default, the period Japanese tax
 *                       law keeps bookkeeping records, of whose changes this trail is the
 *                       evidence. Never less than a year, so that a mistyped unit ({@code P7M},
 *                       {@code P7D}) cannot remove the recent trail
 * @param expiryInterval how often this instance looks for months to remove; zero leaves it to
 *                       other instances
 */
@ConfigurationProperties("btob.audit")
public record AuditRetentionProperties(Period retention, Duration expiryInterval) {

    static final Period FLOOR = Period.ofYears(1);

    static final String RETENTION = "btob.audit.retention (BTOB_AUDIT_RETENTION)";

    static final String INTERVAL = "btob.audit.expiry-interval (BTOB_AUDIT_EXPIRY_INTERVAL)";

    /** Periods of days and of months are compared on one date, so that the check never depends on today's. */
    private static final LocalDate REFERENCE = LocalDate.of(2001, 3, 1);

    public AuditRetentionProperties {
        retention = retention == null ? Period.ofYears(7) : retention;
        expiryInterval = expiryInterval == null ? Duration.ofHours(1) : expiryInterval;
        if (REFERENCE.minus(retention).isAfter(REFERENCE.minus(FLOOR))) {
            throw new IllegalArgumentException(RETENTION + " is " + retention + ", less than the floor of " + FLOOR
                    + " (one year); give the period in ISO-8601, e.g. P7Y for seven years");
        }
        if (expiryInterval.isNegative()) {
            throw new IllegalArgumentException(INTERVAL + " must be positive, or 0 to leave expiry to other instances, not "
                    + expiryInterval);
        }
    }

    /** The start of the first month kept: every month that ended at least {@code retention} before now is removed. */
    Instant cutoff(Instant now) {
        return now.atZone(ZoneOffset.UTC).minus(retention).toLocalDate().withDayOfMonth(1)
                .atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
