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
import jp.btob.platform.identity.UserRepository.Credentials;
import jp.btob.platform.identity.lockout.Lockout;
import jp.btob.platform.identity.mfa.InvalidMfaCodeException;
import jp.btob.platform.identity.mfa.SecondFactors;
import jp.btob.platform.identity.mfa.SecondFactors.Challenge;
import jp.btob.platform.settings.SecuritySettingsService;
import jp.btob.platform.settings.ip.IpAllowlistService;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.problem.CompanySuspendedException;
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

    private final SecuritySettingsService settings;

    private final SecondFactors secondFactors;

    private final IpAllowlistService allowlists;

    private final PasswordHasher hasher;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    private final Clock clock;

    LoginService(UserRepository users, SessionRepository sessions, PasswordCheck passwords, SessionLimits limits,
                 Lockout lockout, SecuritySettingsService settings, SecondFactors secondFactors,
                 IpAllowlistService allowlists, PasswordHasher hasher, AuditLog audit,
                 TransactionalOperator tx, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.passwords = passwords;
        this.limits = limits;
        this.lockout = lockout;
        this.settings = settings;
        this.secondFactors = secondFactors;
        this.allowlists = allowlists;
        this.hasher = hasher;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Answers a new session or a second-factor challenge, or fails with the same problem whether
     * the login ID is unknown, disabled or locked, or the password wrong: the answer must not tell
     * which accounts exist.
     */
    Mono<LoginOutcome> login(String loginId, String password, MfaChannel channel) {
        Mono<Credentials> account = users.findCredentials(loginId).cache();
        return account.flatMap(found -> allowlists.permits(found.companyId()).filter(permitted -> !permitted)
                        .flatMap(blocked -> refuseAddress(found, password)))
                .switchIfEmpty(Mono.defer(() -> passwords.check(account, password)
                        .flatMap(lockout::judge)
                        .flatMap(verdict -> verdict.accepted()
                                ? afterPassword(verdict.account(), channel) : refuse(loginId, verdict))));
    }

    /**
     * SEC-IP: the account's company does not allow the client's address, so the password is
     * never checked against the account, and the attempt counts neither as a login failure nor
     * towards a lockout. The answer and the Argon2id work (on the decoy hash) are those of a wrong
     * password, so that the refusal tells nothing; the audit trail records it as {@code ip.block}.
     */
    private Mono<LoginOutcome> refuseAddress(Credentials user, String password) {
        return hasher.matches(password, null)
                .then(allowlists.recordBlock(user.companyId(), Actor.anonymous(), "user", user.userId(), "login"))
                .then(Mono.error(() -> new Verdict<Credentials>(user, null).refusal()));
    }

    /** SEC-MFA: a challenge instead of the session when the company or the user wants a second factor. */
    private Mono<LoginOutcome> afterPassword(Credentials user, MfaChannel channel) {
        if (user.companySuspended()) {
            return refuseSuspended(user);
        }
        return secondFactors.challenge(user.userId(), user.companyId(), channel)
                .map(challenge -> new LoginOutcome(null, challenge))
                .switchIfEmpty(Mono.defer(() -> open(user).map(session -> new LoginOutcome(session, null))));
    }

    /** The session of a user who answered the second-factor challenge, from the account as it is now. */
    Mono<IssuedSession> verifySecondFactor(String challengeId, String code) {
        return secondFactors.verify(challengeId, code)
                .flatMap(verified -> users.findCredentials(verified.userId()))
                .filter(Credentials::active)
                .switchIfEmpty(Mono.error(InvalidMfaCodeException::new))
                .flatMap(user -> user.companySuspended() ? refuseSuspended(user) : open(user));
    }

    /**
     * The company was suspended by the platform's operators: said plainly, since the caller
     * proved the password, and audited as a failed login.
     */
    private <T> Mono<T> refuseSuspended(Credentials user) {
        return audit.record(new AuditEntry(user.companyId(), Actor.anonymous(), AuditAction.LOGIN, "user", user.userId(),
                        AuditOutcome.FAILURE, Map.of("reason", "COMPANY_SUSPENDED")))
                .then(Mono.error(CompanySuspendedException::new));
    }

    Mono<Void> logout(CurrentUser user) {
        return sessions.end(user.sessionId(), Times.now(clock), SessionRepository.EndReason.LOGOUT)
                .then(audit.record(AuditEntry.success(user.companyId(), Actor.user(user.userId()),
                        AuditAction.LOGOUT, "session", user.sessionId())))
                .as(tx::transactional);
    }

    /**
     * Opens a session for the company's absolute lifetime, keeping the client's address; one that
     * may only change the password when the company's expiry has passed since the password was
     * set. Draws the token from the operating system's random source, which may block, off the
     * event loop.
     */
    private Mono<IssuedSession> open(Credentials user) {
        Mono<String> address = RequestContext.current()
                .map(request -> request.map(RequestContext::sourceAddress).map(LoginService::clip).orElse(""));
        return Mono.zip(Mono.fromCallable(SessionTokens::newToken).subscribeOn(Schedulers.boundedElastic()),
                        limits.lifetime(user.companyId()), address, settings.forCompany(user.companyId()))
                .flatMap(opening -> {
                    String token = opening.getT1();
                    Instant now = Times.now(clock);
                    Instant expiresAt = now.plus(opening.getT2());
                    String source = opening.getT3().isEmpty() ? null : opening.getT3();
                    boolean changeRequired = user.resetRequired() || PasswordExpiry.expired(user.passwordChangedAt(),
                            opening.getT4().passwordExpiryDays(), now);
                    return sessions.open(SessionTokens.hash(token), user.userId(), now, expiresAt, changeRequired, source)
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

    private static String clip(String address) {
        return address.length() <= 64 ? address : address.substring(0, 64);
    }

    /** A session opened by a login; {@code passwordChangeRequired} when it can only change the expired password. */
    record IssuedSession(String token, Instant expiresAt, boolean passwordChangeRequired) {
    }

    /** What a correct password leads to: a session, or a second-factor challenge. */
    record LoginOutcome(IssuedSession session, Challenge challenge) {
    }
}
