package jp.btob.platform.identity.review;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jp.btob.platform.permission.Caller;
import jp.btob.platform.permission.Permissions;
import jp.btob.platform.api.model.AccountReviewEntry;
import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.api.model.MfaChannel;
import jp.btob.platform.api.model.Permission;
import jp.btob.platform.audit.Actor;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.operator.CurrentOperator;
import jp.btob.platform.settings.SecuritySettingsService;
import jp.btob.platform.system.Times;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Builds the account review at one instant of the platform's clock and records who asked for
 * it and how many accounts it listed, in the transaction that read them.
 */
@Service
class AccountReviews {

    private final AccountReviewRepository accounts;

    private final SecuritySettingsService settings;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    private final Clock clock;

    AccountReviews(AccountReviewRepository accounts, SecuritySettingsService settings, AuditLog audit,
                   TransactionalOperator tx, Clock clock) {
        this.accounts = accounts;
        this.settings = settings;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** The administrator's own company's accounts. */
    Mono<Report> ofCompany(Caller admin, Integer dormantDays, String format) {
        Instant now = Times.now(clock);
        return report(accounts.ofCompany(admin.companyId(), now), now, dormantDays)
                .flatMap(report -> audit.record(new AuditEntry(admin.companyId(), admin.actor(),
                                AuditAction.ADMIN_ACCOUNT_REVIEW, "company", admin.companyId(), AuditOutcome.SUCCESS,
                                details(report, dormantDays, format)))
                        .thenReturn(report))
                .as(tx::transactional);
    }

    /** Every company's accounts, for an operator; recorded on the platform's chain. */
    Mono<Report> ofPlatform(CurrentOperator operator, Integer dormantDays, String format) {
        Instant now = Times.now(clock);
        return report(accounts.ofPlatform(now), now, dormantDays)
                .flatMap(report -> audit.record(new AuditEntry(null, Actor.operator(operator.operatorId()),
                                AuditAction.ADMIN_ACCOUNT_REVIEW, "platform", null, AuditOutcome.SUCCESS,
                                details(report, dormantDays, format)))
                        .thenReturn(report))
                .as(tx::transactional);
    }

    private Mono<Report> report(Flux<AccountRow> rows, Instant now, Integer dormantDays) {
        return rows.collectList().flatMap(list -> requiredMfa(list).map(required -> new Report(now, list.stream()
                .map(row -> entry(row, now, required.get(row.companyId())))
                .filter(entry -> dormantDays == null || entry.getDaysDormant() >= dormantDays)
                .toList())));
    }

    /** Whether each company of the rows requires a second factor, as its settings in force say. */
    private Mono<Map<UUID, Boolean>> requiredMfa(List<AccountRow> rows) {
        return Flux.fromStream(rows.stream().map(AccountRow::companyId).distinct())
                .concatMap(company -> settings.forCompany(company).map(s -> Map.entry(company, s.mfa().required())))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private static List<Permission> permissions(List<String> names) {
        return names.stream().map(Permissions::parse).flatMap(Optional::stream).toList();
    }

    private static AccountReviewEntry entry(AccountRow row, Instant now, Boolean mfaRequired) {
        Instant since = row.lastLoginAt() == null ? row.createdAt() : row.lastLoginAt();
        return new AccountReviewEntry()
                .userId(row.userId())
                .companyCode(row.companyCode())
                .loginId(row.loginId())
                .displayName(row.displayName())
                .email(row.email())
                .roles(row.roles())
                .grants(permissions(row.grants()))
                .denials(permissions(row.denials()))
                .status(AccountReviewEntry.StatusEnum.fromValue(row.status()))
                .createdAt(Times.utc(row.createdAt()))
                .lastLoginAt(row.lastLoginAt() == null ? null : Times.utc(row.lastLoginAt()))
                .daysDormant(days(since, now))
                .passwordAgeDays(days(row.passwordChangedAt(), now))
                .mfaRequired(Boolean.TRUE.equals(mfaRequired))
                .mfaChannel(row.mfaChannel() == null ? null : MfaChannel.fromValue(row.mfaChannel()))
                .totpEnrolled(row.totpEnrolled())
                .locked(row.lockedUntil() != null)
                .lockedUntil(row.lockedUntil() == null ? null : Times.utc(row.lockedUntil()))
                .liveSessions(Math.toIntExact(row.liveSessions()));
    }

    /** Whole days from then to now; never negative, should a row be stamped a moment ahead of the clock. */
    private static int days(Instant then, Instant now) {
        return (int) Math.max(0, Duration.between(then, now).toDays());
    }

    private static Map<String, Object> details(Report report, Integer dormantDays, String format) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rows", report.accounts().size());
        details.put("format", format);
        if (dormantDays != null) {
            details.put("dormantDays", dormantDays);
        }
        return details;
    }

    record Report(Instant generatedAt, List<AccountReviewEntry> accounts) {
    }
}
