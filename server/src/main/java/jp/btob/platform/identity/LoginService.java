package jp.btob.platform.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.api.model.MfaChannel;
import jp.btob.platform.audit.Actor;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.identity.PasswordCheck.Verdict;
import jp.btob.platform.identity.mfa.InvalidMfaCodeException;
import jp.btob.platform.identity.mfa.SecondFactors;
import jp.btob.platform.identity.mfa.SecondFactors.Challenge;
import jp.btob.platform.identity.UserRepository.Credentials;
import jp.btob.platform.settings.SecuritySettingsService;
import jp.btob.platform.system.Times;
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

    private final SessionProperties properties;

    private final SecuritySettingsService settings;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    private final Clock clock;

    private final SecondFactors secondFactors;

    LoginService(UserRepository users, SessionRepository sessions, PasswordCheck passwords,
                 SessionProperties properties, SecuritySettingsService settings, AuditLog audit,
                 TransactionalOperator tx, Clock clock, SecondFactors secondFactors) {
        this.users = users;
        this.sessions = sessions;
        this.passwords = passwords;
        this.properties = properties;
        this.settings = settings;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.secondFactors = secondFactors;
    }

    /**
     * Answers a new session, or fails with the same problem whether the login ID is unknown,
     * disabled or the password wrong: the answer must not tell which accounts exist.
     */
    Mono<LoginOutcome> login(String loginId, String password, MfaChannel channel) {
        return passwords.check(users.findCredentials(loginId), password)
                .flatMap(verdict -> verdict.accepted() ? afterPassword(verdict.account(), channel) : refuse(loginId, verdict));
    }

    /** SEC-MFA: a challenge instead of the session when the company or the user wants a second factor. */
    private Mono<LoginOutcome> afterPassword(Credentials user, MfaChannel channel) {
        return secondFactors.challenge(user.userId(), user.companyId(), channel)
                .map(challenge -> new LoginOutcome(null, challenge))
                .switchIfEmpty(Mono.defer(() -> open(user).map(session -> new LoginOutcome(session, null))));
    }

    /** The session of a user who answered the second-factor challenge. */
    Mono<IssuedSession> verifySecondFactor(String challengeId, String code) {
        return secondFactors.verify(challengeId, code)
                .flatMap(verified -> users.findCredentials(verified.userId()))
                .filter(Credentials::active)
                .switchIfEmpty(Mono.error(InvalidMfaCodeException::new))
                .flatMap(this::open);
    }

    Mono<Void> logout(CurrentUser user) {
        return sessions.end(user.sessionId(), Times.now(clock))
                .then(audit.record(AuditEntry.success(user.companyId(), Actor.user(user.userId()),
                        AuditAction.LOGOUT, "session", user.sessionId())))
                .as(tx::transactional);
    }

    /**
     * Opens a session; one that may only change the password when the company's expiry has
     * passed since the password was set. Draws the token from the operating system's random
     * source, which may block, off the event loop.
     */
    private Mono<IssuedSession> open(Credentials user) {
        return settings.forCompany(user.companyId())
                .zipWith(Mono.fromCallable(SessionTokens::newToken).subscribeOn(Schedulers.boundedElastic()))
                .flatMap(found -> {
                    String token = found.getT2();
                    Instant now = Times.now(clock);
                    Instant expiresAt = now.plus(properties.lifetime());
                    boolean changeRequired = PasswordExpiry.expired(user.passwordChangedAt(),
                            found.getT1().passwordExpiryDays(), now);
                    return sessions.open(SessionTokens.hash(token), user.userId(), now, expiresAt, changeRequired)
                            .flatMap(session -> audit.record(new AuditEntry(session.companyId(),
                                    Actor.user(user.userId()), AuditAction.LOGIN, "session", session.sessionId(),
                                    AuditOutcome.SUCCESS, changeRequired ? Map.of("passwordChangeRequired", true) : null)))
                            .as(tx::transactional)
                            .thenReturn(new IssuedSession(token, expiresAt, changeRequired));
                });
    }

    /** Records the failure on the account's company chain, or on the platform's chain for an unknown ID. */
    private <T> Mono<T> refuse(String loginId, Verdict<Credentials> verdict) {
        Credentials user = verdict.account();
        AuditEntry entry = new AuditEntry(user == null ? null : user.companyId(), Actor.anonymous(), AuditAction.LOGIN,
                user == null ? null : "user", user == null ? null : user.userId(), AuditOutcome.FAILURE,
                verdict.refusalDetails(loginId));
        return audit.record(entry).then(Mono.error(verdict::refusal));
    }

    /** A session opened by a login; {@code passwordChangeRequired} when it can only change the expired password. */
    record IssuedSession(String token, Instant expiresAt, boolean passwordChangeRequired) {
    }

    /** What a correct password leads to: a session, or a second-factor challenge. */
    record LoginOutcome(IssuedSession session, Challenge challenge) {
    }
}
