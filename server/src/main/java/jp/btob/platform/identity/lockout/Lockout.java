package jp.btob.platform.identity.lockout;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.audit.Actor;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.identity.PasswordCheck.Verdict;
import jp.btob.platform.notify.Notifications;
import jp.btob.platform.notify.Topic;
import jp.btob.platform.permission.Caller;
import jp.btob.platform.settings.LockoutPolicy;
import jp.btob.platform.settings.SecuritySettingsService;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.management.PlatformMetrics;
import jp.btob.platform.system.management.PlatformMetrics.LoginFailure;
import jp.btob.platform.system.problem.NotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Account lockout, judged after the password check: a wrong password is counted, and the
 * failure that reaches the company's limit locks the account, audits {@code auth.lockout} and
 * mails the account's owner, all in one transaction; a locked account is refused whatever the
 * password, with the refusal every other failure gets; a success clears the count.
 */
@Component
public class Lockout {

    private final LockoutRepository repository;

    private final SecuritySettingsService settings;

    private final AuditLog audit;

    private final Notifications notifications;

    private final PlatformMetrics metrics;

    private final TransactionalOperator tx;

    private final Clock clock;

    Lockout(LockoutRepository repository, SecuritySettingsService settings, AuditLog audit,
            Notifications notifications, PlatformMetrics metrics, TransactionalOperator tx, Clock clock) {
        this.repository = repository;
        this.settings = settings;
        this.audit = audit;
        this.notifications = notifications;
        this.metrics = metrics;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * The verdict as the lockout has it: unchanged for unknown and disabled accounts and for
     * counted failures; {@code ACCOUNT_LOCKED} for any attempt at a locked account.
     */
    public <A extends Lockable> Mono<Verdict<A>> judge(Verdict<A> verdict) {
        A account = verdict.account();
        if (account == null || !account.active()) {
            return Mono.just(verdict);
        }
        Instant now = Times.now(clock);
        if (verdict.accepted()) {
            return repository.admit(account.userId(), now).map(admitted -> {
                if (admitted) {
                    return verdict;
                }
                metrics.loginFailed(LoginFailure.ACCOUNT_LOCKED);
                return new Verdict<>(account, LoginFailure.ACCOUNT_LOCKED);
            });
        }
        // The company's settings came with the account: a wrong password costs no statement to read them again.
        return countFailure(account, settings.inForce(account.savedSettings()).lockout(), now)
                .map(counted -> counted ? verdict : new Verdict<>(account, LoginFailure.ACCOUNT_LOCKED));
    }

    /** Lifts a lock of a user of the administrator's company; another company's user is not found. */
    public Mono<Void> unlock(Caller admin, UUID userId) {
        return repository.companyOf(userId)
                .filter(admin.companyId()::equals)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("There is no such user.")))
                .flatMap(company -> repository.unlock(userId, Times.now(clock))
                        .flatMap(wasLocked -> audit.record(new AuditEntry(company, admin.actor(),
                                AuditAction.AUTH_UNLOCK, "user", userId, AuditOutcome.SUCCESS,
                                Map.of("wasLocked", wasLocked)))))
                .as(tx::transactional);
    }

    /** True when the failure was counted; false when the account was locked already. */
    private Mono<Boolean> countFailure(Lockable account, LockoutPolicy policy, Instant now) {
        return repository.countFailure(account.userId(), account.companyId(), policy, now)
                .flatMap(count -> count.locked() ? announce(account, policy, count).thenReturn(count) : Mono.just(count))
                .as(tx::transactional)
                .doOnNext(count -> {
                    if (count.locked()) {
                        metrics.lockedOut();
                    }
                })
                .hasElement();
    }

    private Mono<Void> announce(Lockable account, LockoutPolicy policy, LockoutRepository.Count count) {
        return audit.record(new AuditEntry(account.companyId(), Actor.system(), AuditAction.AUTH_LOCKOUT, "user",
                        account.userId(), AuditOutcome.SUCCESS, Map.of(
                                "failures", count.failures(),
                                "windowMinutes", policy.windowMinutes(),
                                "lockedUntil", Times.utc(count.lockedUntil()).toString())))
                .then(repository.emailOf(account.userId()))
                .flatMap(email -> notifications.email(new Topic("account-lockout", account.userId()), email,
                        "Your BtoB Platform account has been locked", mail(policy, count)));
    }

    /** Says what happened and what to do; never the login ID, a password or a link to follow. */
    private static String mail(LockoutPolicy policy, LockoutRepository.Count count) {
        return """
                Your BtoB Platform account was locked after %d wrong passwords within %d minutes.
                It can be used again from %s (UTC), or sooner if an administrator of your company unlocks it.

                If these attempts were not yours, someone may be guessing your password: tell your
                company's administrator, and change your password once you are signed in again.
                """.formatted(count.failures(), policy.windowMinutes(), Times.utc(count.lockedUntil()));
    }
}
