package jp.btob.platform.identity;

import java.time.Clock;
import java.time.Instant;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.audit.Actor;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.identity.PasswordCheck.Verdict;
import jp.btob.platform.identity.UserRepository.Credentials;
import jp.btob.platform.identity.lockout.Lockout;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.trace.RequestContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Checks a login ID and password and opens a session; every attempt goes into the audit trail. */
@Service
class LoginService {

    private final UserRepository users;

    private final SessionRepository sessions;

    private final PasswordCheck passwords;

    private final SessionLimits limits;

    private final Lockout lockout;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    private final Clock clock;

    LoginService(UserRepository users, SessionRepository sessions, PasswordCheck passwords,
                 SessionLimits limits, Lockout lockout, AuditLog audit, TransactionalOperator tx, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.passwords = passwords;
        this.limits = limits;
        this.lockout = lockout;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Answers a new session, or fails with the same problem whether the login ID is unknown,
     * disabled or locked, or the password wrong: the answer must not tell which accounts exist.
     */
    Mono<IssuedSession> login(String loginId, String password) {
        return passwords.check(users.findCredentials(loginId), password)
                .flatMap(lockout::judge)
                .flatMap(verdict -> verdict.accepted() ? open(verdict.account()) : refuse(loginId, verdict));
    }

    Mono<Void> logout(CurrentUser user) {
        return sessions.end(user.sessionId(), Times.now(clock), SessionRepository.EndReason.LOGOUT)
                .then(audit.record(AuditEntry.success(user.companyId(), Actor.user(user.userId()),
                        AuditAction.LOGOUT, "session", user.sessionId())))
                .as(tx::transactional);
    }

    /**
     * Draws the token from the operating system's random source, which may block, off the event
     * loop; the session lasts the company's absolute lifetime and keeps the client's address.
     */
    private Mono<IssuedSession> open(Credentials user) {
        Mono<String> address = RequestContext.current()
                .map(request -> request.map(RequestContext::sourceAddress).map(LoginService::clip).orElse(""));
        return Mono.zip(Mono.fromCallable(SessionTokens::newToken).subscribeOn(Schedulers.boundedElastic()),
                        limits.lifetime(user.companyId()), address)
                .flatMap(opening -> {
                    String token = opening.getT1();
                    Instant now = Times.now(clock);
                    Instant expiresAt = now.plus(opening.getT2());
                    String source = opening.getT3().isEmpty() ? null : opening.getT3();
                    return sessions.open(SessionTokens.hash(token), user.userId(), now, expiresAt, source)
                            .flatMap(session -> audit.record(AuditEntry.success(session.companyId(),
                                    Actor.user(user.userId()), AuditAction.LOGIN, "session", session.sessionId())))
                            .as(tx::transactional)
                            .thenReturn(new IssuedSession(token, expiresAt, false));
                });
    }

    /** Records the failure on the account's company chain, or on the platform's chain for an unknown ID. */
    private Mono<IssuedSession> refuse(String loginId, Verdict<Credentials> verdict) {
        Credentials user = verdict.account();
        AuditEntry entry = new AuditEntry(user == null ? null : user.companyId(), Actor.anonymous(), AuditAction.LOGIN,
                user == null ? null : "user", user == null ? null : user.userId(), AuditOutcome.FAILURE,
                verdict.refusalDetails(loginId));
        return audit.record(entry).then(Mono.error(verdict::refusal));
    }

    private static String clip(String address) {
        return address.length() <= 64 ? address : address.substring(0, 64);
    }

    /** A session opened by a login; {@code passwordChangeRequired} when it can only change the expired password. */
    record IssuedSession(String token, Instant expiresAt, boolean passwordChangeRequired) {
    }
}
