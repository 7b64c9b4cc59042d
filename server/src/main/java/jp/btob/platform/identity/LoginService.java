package jp.btob.platform.identity;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.audit.Actor;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.identity.UserRepository.Credentials;
import jp.btob.platform.system.Sha256;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.management.PlatformMetrics;
import jp.btob.platform.system.management.PlatformMetrics.LoginFailure;
import jp.btob.platform.system.problem.InvalidCredentialsException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Checks a login ID and password and opens a session; every attempt goes into the audit trail. */
@Service
class LoginService {

    private static final String WRONG_CREDENTIALS = "The login ID or the password is wrong.";

    private final UserRepository users;

    private final SessionRepository sessions;

    private final PasswordHasher hasher;

    private final SessionProperties properties;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    private final Clock clock;

    private final PlatformMetrics metrics;

    LoginService(UserRepository users, SessionRepository sessions, PasswordHasher hasher,
                 SessionProperties properties, AuditLog audit, TransactionalOperator tx, Clock clock,
                 PlatformMetrics metrics) {
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.properties = properties;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Answers a new session, or fails with the same problem whether the login ID is unknown,
     * disabled or the password wrong: the answer must not tell which accounts exist. A disabled
     * account is checked against the decoy hash, so that it takes as long as the others.
     */
    Mono<IssuedSession> login(String loginId, String password) {
        return users.findCredentials(loginId)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(found -> hasher.matches(password,
                                found.filter(Credentials::active).map(Credentials::passwordHash).orElse(null))
                        .flatMap(ok -> ok ? open(found.get()) : refuse(loginId, found)));
    }

    Mono<Void> logout(CurrentUser user) {
        return sessions.end(user.sessionId(), Times.now(clock))
                .then(audit.record(AuditEntry.success(user.companyId(), Actor.user(user.userId()),
                        AuditAction.LOGOUT, "session", user.sessionId())))
                .as(tx::transactional);
    }

    /** Draws the token from the operating system's random source, which may block, off the event loop. */
    private Mono<IssuedSession> open(Credentials user) {
        return Mono.fromCallable(SessionTokens::newToken)
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(token -> {
                    Instant now = Times.now(clock);
                    Instant expiresAt = now.plus(properties.lifetime());
                    return sessions.open(SessionTokens.hash(token), user.userId(), now, expiresAt)
                            .flatMap(session -> audit.record(AuditEntry.success(session.companyId(),
                                    Actor.user(user.userId()), AuditAction.LOGIN, "session", session.sessionId())))
                            .as(tx::transactional)
                            .thenReturn(new IssuedSession(token, expiresAt));
                });
    }

    /**
     * Records the failure on the account's company chain, or on the platform's chain for an
     * unknown ID, which is kept only as its SHA-256: it may be a password typed in the wrong field.
     */
    private Mono<IssuedSession> refuse(String loginId, Optional<Credentials> found) {
        LoginFailure reason = found
                .map(user -> user.active() ? LoginFailure.WRONG_PASSWORD : LoginFailure.ACCOUNT_DISABLED)
                .orElse(LoginFailure.UNKNOWN_LOGIN_ID);
        metrics.loginFailed(reason);
        AuditEntry entry = found
                .map(user -> new AuditEntry(user.companyId(), Actor.anonymous(), AuditAction.LOGIN, "user",
                        user.userId(), AuditOutcome.FAILURE, Map.<String, Object>of("reason", reason.name())))
                .orElseGet(() -> new AuditEntry(null, Actor.anonymous(), AuditAction.LOGIN, null, null,
                        AuditOutcome.FAILURE,
                        Map.of("reason", reason.name(), "loginIdSha256", sha256Hex(loginId))));
        return audit.record(entry).then(Mono.error(() -> new InvalidCredentialsException(WRONG_CREDENTIALS)));
    }

    /** Login IDs are case-insensitive, so attempts at one ID in any case give one hash. */
    private static String sha256Hex(String loginId) {
        return HexFormat.of().formatHex(Sha256.of(loginId.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
    }

    record IssuedSession(String token, Instant expiresAt) {
    }
}
