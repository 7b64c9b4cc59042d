package jp.btob.platform.identity;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.api.model.MfaChannel;
import jp.btob.platform.audit.Actor;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.identity.PasswordCheck.Verdict;
import jp.btob.platform.identity.PasswordLoginPolicy.PasswordLogin;
import jp.btob.platform.identity.UserRepository.Credentials;
import jp.btob.platform.identity.lockout.Lockout;
import jp.btob.platform.identity.mfa.InvalidMfaCodeException;
import jp.btob.platform.identity.mfa.SecondFactors;
import jp.btob.platform.identity.mfa.SecondFactors.Challenge;
import jp.btob.platform.settings.SecuritySettings;
import jp.btob.platform.settings.SecuritySettingsService;
import jp.btob.platform.settings.ip.IpAllowlistService;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.problem.CompanySuspendedException;
import jp.btob.platform.system.problem.SsoRequiredException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Checks a login ID and password and opens a session; every attempt goes into the audit trail. */
@Service
class LoginService {

    private final UserRepository users;

    private final SessionRepository sessions;

    private final PasswordCheck passwords;

    private final SessionIssuer issuer;

    private final PasswordLoginPolicy policy;

    private final Lockout lockout;

    private final SecuritySettingsService settings;

    private final SecondFactors secondFactors;

    private final IpAllowlistService allowlists;

    private final PasswordHasher hasher;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    private final Clock clock;

    LoginService(UserRepository users, SessionRepository sessions, PasswordCheck passwords, SessionIssuer issuer,
                 PasswordLoginPolicy policy, Lockout lockout, SecuritySettingsService settings, SecondFactors secondFactors,
                 IpAllowlistService allowlists, PasswordHasher hasher, AuditLog audit,
                 TransactionalOperator tx, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.passwords = passwords;
        this.issuer = issuer;
        this.policy = policy;
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
        return account.flatMap(found -> allowlists.permits(found.companyAllowlist()).filter(permitted -> !permitted)
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
        // The company's settings came with the account: one reading for the second factor, the password's expiry and the session's lifetime.
        SecuritySettings company = settings.inForce(user.savedSettings());
        return judged(user).flatMap(judged -> secondFactors.challenge(user.userId(), company.mfa(), channel, user.mfaChosen())
                .map(challenge -> new LoginOutcome(null, challenge))
                .switchIfEmpty(Mono.defer(() -> open(user, judged, company)
                        .map(session -> new LoginOutcome(session, null)))));
    }

    /** The session of a user who answered the second-factor challenge, from the account as it is now. */
    Mono<IssuedSession> verifySecondFactor(String challengeId, String code) {
        return secondFactors.verify(challengeId, code)
                .flatMap(verified -> users.findCredentials(verified.userId()))
                .filter(Credentials::active)
                .switchIfEmpty(Mono.error(InvalidMfaCodeException::new))
                .flatMap(user -> user.companySuspended() ? refuseSuspended(user)
                        : judged(user).flatMap(judged -> open(user, judged, settings.inForce(user.savedSettings()))));
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
     * Opens a session that may only change the password when the company's expiry has passed
     * since the password was set.
     */
    private Mono<IssuedSession> open(Credentials user, PasswordLogin judged, SecuritySettings company) {
        return Mono.defer(() -> {
            boolean changeRequired = user.resetRequired() || PasswordExpiry.expired(user.passwordChangedAt(),
                    company.passwordExpiryDays(), Times.now(clock));
            Map<String, Object> details = new LinkedHashMap<>();
            if (changeRequired) {
                details.put("passwordChangeRequired", true);
            }
            if (judged == PasswordLogin.BREAK_GLASS) {
                details.put("breakGlass", true);
            }
            Mono<IssuedSession> issued = issuer.open(user.userId(), company, changeRequired, details);
            // Its own action, so that the operators' alert rules can raise an alert on every one.
            return judged != PasswordLogin.BREAK_GLASS ? issued : issued.flatMap(session -> audit.record(new AuditEntry(
                            user.companyId(), Actor.user(user.userId()), AuditAction.SSO_BREAK_GLASS, "user", user.userId(),
                            AuditOutcome.SUCCESS, Map.of("reason", "password login while the company signs in through SSO only")))
                    .thenReturn(session));
        });
    }

    /**
     * SEC-SSO: the password was right, but the company may sign in through its identity
     * providers only; said after the password check, so it tells no more than a login does.
     */
    private Mono<PasswordLogin> judged(Credentials user) {
        return policy.judge(user.userId(), user.ssoOnly()).flatMap(judged -> judged != PasswordLogin.REFUSED
                ? Mono.just(judged)
                : audit.record(new AuditEntry(user.companyId(), Actor.anonymous(), AuditAction.LOGIN, "user",
                                user.userId(), AuditOutcome.FAILURE, Map.of("reason", "SSO_REQUIRED")))
                        .then(Mono.error(SsoRequiredException::new)));
    }

    /** Records the failure on the account's company chain, or on the platform's chain for an unknown ID. */
    private <T> Mono<T> refuse(String loginId, Verdict<Credentials> verdict) {
        Credentials user = verdict.account();
        AuditEntry entry = new AuditEntry(user == null ? null : user.companyId(), Actor.anonymous(), AuditAction.LOGIN,
                user == null ? null : "user", user == null ? null : user.userId(), AuditOutcome.FAILURE,
                verdict.refusalDetails(loginId));
        return audit.record(entry).then(Mono.error(verdict::refusal));
    }

    /** What a correct password leads to: a session, or a second-factor challenge. */
    record LoginOutcome(IssuedSession session, Challenge challenge) {
    }
}
