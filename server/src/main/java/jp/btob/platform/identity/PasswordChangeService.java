package jp.btob.platform.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.api.model.FieldError;
import jp.btob.platform.audit.Actor;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.identity.UserRepository.PasswordAccount;
import jp.btob.platform.identity.password.PasswordPolicyCheck;
import jp.btob.platform.identity.password.PasswordViolation;
import jp.btob.platform.settings.PasswordPolicy;
import jp.btob.platform.settings.SecuritySettingsService;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.problem.ConflictException;
import jp.btob.platform.system.problem.PasswordPolicyException;
import jp.btob.platform.system.problem.WrongPasswordException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * A user changes their own password: the current one proves it is them, the new one must keep
 * the company's policy, and the change ends every other session of theirs; the session it came
 * with goes on, as a normal session if it could only change an expired password. Every attempt,
 * refused or not, goes into the audit trail.
 */
@Service
class PasswordChangeService {

    private static final String NEW_PASSWORD = "newPassword";

    private final UserRepository users;

    private final SessionRepository sessions;

    private final PasswordHasher hasher;

    private final PasswordPolicyCheck policy;

    private final SecuritySettingsService settings;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    private final Clock clock;

    PasswordChangeService(UserRepository users, SessionRepository sessions, PasswordHasher hasher,
                          PasswordPolicyCheck policy, SecuritySettingsService settings, AuditLog audit,
                          TransactionalOperator tx, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.policy = policy;
        this.settings = settings;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Changes the caller's password. The current password is checked before anything else, so
     * that a stolen session learns nothing about the policy or the history without it.
     */
    Mono<Void> change(CurrentUser user, String currentPassword, String newPassword) {
        return users.findPasswordAccount(user.userId())
                .switchIfEmpty(Mono.error(() -> new AuthenticationCredentialsNotFoundException("No active user")))
                .flatMap(account -> hasher.matches(currentPassword, account.passwordHash())
                        .flatMap(right -> right
                                ? checkThenReplace(user, account, newPassword)
                                : refuse(user, Map.of("reason", "WRONG_CURRENT_PASSWORD"))
                                        .then(Mono.error(new WrongPasswordException("The current password is wrong.")))));
    }

    private Mono<Void> checkThenReplace(CurrentUser user, PasswordAccount account, String newPassword) {
        return settings.forCompany(account.companyId())
                .zipWith(recentHashes(account))
                .flatMap(found -> policy.check(found.getT1().password(), newPassword, account.loginId(), found.getT2()))
                .flatMap(violations -> violations.isEmpty()
                        ? hasher.hash(newPassword).flatMap(hash -> replace(user, account, hash))
                        : refuse(user, Map.of("reason", "PASSWORD_POLICY", "rules", rules(violations)))
                                .then(Mono.error(policyProblem(violations))));
    }

    /** The current password and the earlier ones, newest first, as many as any policy may ask for. */
    private Mono<List<String>> recentHashes(PasswordAccount account) {
        return users.earlierPasswordHashes(account.userId(), PasswordPolicy.LONGEST_HISTORY - 1)
                .collectList()
                .map(earlier -> {
                    List<String> hashes = new ArrayList<>(earlier.size() + 1);
                    hashes.add(account.passwordHash());
                    hashes.addAll(earlier);
                    return hashes;
                });
    }

    private Mono<Void> replace(CurrentUser user, PasswordAccount account, String newHash) {
        Instant now = Times.now(clock);
        return users.replacePassword(account.userId(), account.passwordHash(), newHash, now)
                .flatMap(replaced -> replaced
                        ? users.trimPasswordHistory(account.userId(), PasswordPolicy.LONGEST_HISTORY - 1)
                                .then(sessions.lift(user.sessionId()))
                                .then(sessions.endOthers(account.userId(), user.sessionId(), now))
                                .flatMap(ended -> audit.record(new AuditEntry(user.companyId(), Actor.user(user.userId()),
                                        AuditAction.PASSWORD_CHANGE, "user", user.userId(), AuditOutcome.SUCCESS,
                                        Map.of("sessionsEnded", ended))))
                        : Mono.error(new ConflictException("The password was changed by another request meanwhile; "
                                + "sign in with the password now in force.")))
                .as(tx::transactional);
    }

    private Mono<Void> refuse(CurrentUser user, Map<String, Object> details) {
        return audit.record(new AuditEntry(user.companyId(), Actor.user(user.userId()), AuditAction.PASSWORD_CHANGE,
                "user", user.userId(), AuditOutcome.FAILURE, details));
    }

    private static List<String> rules(List<PasswordViolation> violations) {
        return violations.stream().map(violation -> violation.rule().code().getValue()).toList();
    }

    private static PasswordPolicyException policyProblem(List<PasswordViolation> violations) {
        List<FieldError> errors = violations.stream()
                .map(violation -> new FieldError(NEW_PASSWORD, violation.rule().code(), violation.message()))
                .toList();
        return new PasswordPolicyException(errors.size() == 1
                ? "The new password breaks 1 rule of the password policy."
                : "The new password breaks " + errors.size() + " rules of the password policy.", errors);
    }
}
