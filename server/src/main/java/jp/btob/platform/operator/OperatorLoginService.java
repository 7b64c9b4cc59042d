package jp.btob.platform.operator;

import java.time.Clock;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.audit.Actor;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.identity.PasswordCheck;
import jp.btob.platform.identity.PasswordCheck.Verdict;
import jp.btob.platform.operator.OperatorRepository.Credentials;
import jp.btob.platform.operator.OperatorSecondFactor.Challenge;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.management.PlatformMetrics;
import jp.btob.platform.system.management.PlatformMetrics.LoginFailure;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Operator login and logout, with the same password check and refusals as the company users' login.
 * A right password opens no session: it earns a second-factor challenge. Every attempt goes to the
 * platform's audit chain: an operator belongs to no company.
 */
@Service
class OperatorLoginService {

    private final OperatorRepository operators;

    private final OperatorSessionRepository sessions;

    private final PasswordCheck passwords;

    private final OperatorLockout lockout;

    private final OperatorSecondFactor secondFactor;

    private final PlatformMetrics metrics;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    private final Clock clock;

    OperatorLoginService(OperatorRepository operators, OperatorSessionRepository sessions, PasswordCheck passwords,
                         OperatorLockout lockout, OperatorSecondFactor secondFactor, PlatformMetrics metrics,
                         AuditLog audit, TransactionalOperator tx, Clock clock) {
        this.operators = operators;
        this.sessions = sessions;
        this.passwords = passwords;
        this.lockout = lockout;
        this.secondFactor = secondFactor;
        this.metrics = metrics;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** The challenge the code must answer; a locked operator is refused as a wrong password is. */
    Mono<Challenge> login(String loginId, String password) {
        return passwords.check(operators.findCredentials(loginId), password)
                .flatMap(verdict -> {
                    Credentials operator = verdict.account();
                    if (verdict.accepted() && operator.lockedAt(Times.now(clock))) {
                        metrics.loginFailed(LoginFailure.ACCOUNT_LOCKED);
                        return refuse(loginId, new Verdict<>(operator, LoginFailure.ACCOUNT_LOCKED));
                    }
                    if (verdict.accepted()) {
                        return secondFactor.challenge(operator.operatorId(), operator.loginId());
                    }
                    return (verdict.failure() == LoginFailure.WRONG_PASSWORD
                            ? lockout.countFailure(operator.operatorId()) : Mono.<Void>empty())
                            .then(refuse(loginId, verdict));
                });
    }

    Mono<Void> logout(CurrentOperator operator) {
        return sessions.end(operator.sessionId(), Times.now(clock))
                .then(audit.record(AuditEntry.success(null, Actor.operator(operator.operatorId()),
                        AuditAction.OPERATOR_LOGOUT, "operator-session", operator.sessionId())))
                .as(tx::transactional);
    }

    /**
     * The caller of a refused login is not known to be the operator, so the actor is anonymous and
     * the account it aimed at, if any, is the target.
     */
    private Mono<Challenge> refuse(String loginId, Verdict<Credentials> verdict) {
        Credentials operator = verdict.account();
        return audit.record(new AuditEntry(null, Actor.anonymous(), AuditAction.OPERATOR_LOGIN,
                        operator == null ? null : "operator", operator == null ? null : operator.operatorId(),
                        AuditOutcome.FAILURE, verdict.refusalDetails(loginId)))
                .then(Mono.error(verdict::refusal));
    }
}
