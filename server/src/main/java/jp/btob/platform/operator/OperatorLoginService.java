package jp.btob.platform.operator;

import java.time.Clock;
import java.time.Instant;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.audit.Actor;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.identity.PasswordCheck;
import jp.btob.platform.identity.PasswordCheck.Verdict;
import jp.btob.platform.identity.SessionTokens;
import jp.btob.platform.operator.OperatorRepository.Credentials;
import jp.btob.platform.system.Times;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Operator login and logout, with the same password check and refusals as the company users' login.
 * Every attempt goes to the platform's audit chain: an operator belongs to no company.
 */
@Service
class OperatorLoginService {

    private final OperatorRepository operators;

    private final OperatorSessionRepository sessions;

    private final PasswordCheck passwords;

    private final OperatorProperties properties;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    private final Clock clock;

    OperatorLoginService(OperatorRepository operators, OperatorSessionRepository sessions, PasswordCheck passwords,
                         OperatorProperties properties, AuditLog audit, TransactionalOperator tx, Clock clock) {
        this.operators = operators;
        this.sessions = sessions;
        this.passwords = passwords;
        this.properties = properties;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    Mono<IssuedSession> login(String loginId, String password) {
        return passwords.check(operators.findCredentials(loginId), password)
                .flatMap(verdict -> verdict.accepted() ? open(verdict.account()) : refuse(loginId, verdict));
    }

    Mono<Void> logout(CurrentOperator operator) {
        return sessions.end(operator.sessionId(), Times.now(clock))
                .then(audit.record(AuditEntry.success(null, Actor.operator(operator.operatorId()),
                        AuditAction.OPERATOR_LOGOUT, "operator-session", operator.sessionId())))
                .as(tx::transactional);
    }

    /** Draws the token off the event loop, since the random source may block. */
    private Mono<IssuedSession> open(Credentials operator) {
        return Mono.fromCallable(SessionTokens::newToken)
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(token -> {
                    Instant now = Times.now(clock);
                    Instant expiresAt = now.plus(properties.sessionLifetime());
                    return sessions.open(SessionTokens.hash(token), operator.operatorId(), now, expiresAt)
                            .flatMap(sessionId -> audit.record(AuditEntry.success(null,
                                    Actor.operator(operator.operatorId()), AuditAction.OPERATOR_LOGIN,
                                    "operator-session", sessionId)))
                            .as(tx::transactional)
                            .thenReturn(new IssuedSession(token, expiresAt));
                });
    }

    /**
     * The caller of a refused login is not known to be the operator, so the actor is anonymous and
     * the account it aimed at, if any, is the target.
     */
    private Mono<IssuedSession> refuse(String loginId, Verdict<Credentials> verdict) {
        Credentials operator = verdict.account();
        return audit.record(new AuditEntry(null, Actor.anonymous(), AuditAction.OPERATOR_LOGIN,
                        operator == null ? null : "operator", operator == null ? null : operator.operatorId(),
                        AuditOutcome.FAILURE, verdict.refusalDetails(loginId)))
                .then(Mono.error(verdict::refusal));
    }

    record IssuedSession(String token, Instant expiresAt) {
    }
}
