package jp.btob.platform.sso;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.audit.Actor;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.identity.IssuedSession;
import jp.btob.platform.identity.PasswordHasher;
import jp.btob.platform.identity.SessionIssuer;
import jp.btob.platform.settings.ip.IpAllowlistService;
import jp.btob.platform.sso.SsoUserRepository.Account;
import jp.btob.platform.system.Sha256;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.problem.CompanySuspendedException;
import jp.btob.platform.system.problem.SsoFailedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The last step of every single sign-on, whatever the protocol: the user the provider vouches
 * for, found by login ID in the provider's own company (or provisioned there just in time),
 * gets a session as a password login gives one. A user of another company is never signed in,
 * through this company's provider or any other. Every refusal answers the same
 * {@code sso-failed} problem and is audited with its precise reason.
 */
@Service
public class SsoSignIn {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final SsoUserRepository users;

    private final SessionIssuer sessions;

    private final IpAllowlistService allowlists;

    private final PasswordHasher hasher;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    private final Clock clock;

    SsoSignIn(SsoUserRepository users, SessionIssuer sessions, IpAllowlistService allowlists, PasswordHasher hasher,
              AuditLog audit, TransactionalOperator tx, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.allowlists = allowlists;
        this.hasher = hasher;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Opens the session of the user {@code identity} names, as {@code provider} vouches. The
     * company's IP allow-list applies first: from outside it nobody signs in nor is provisioned,
     * and the refusal is audited as {@code ip.block}.
     */
    public Mono<IssuedSession> signIn(IdentityProvider provider, ExternalIdentity identity) {
        String loginId = identity.loginId() == null ? "" : identity.loginId().strip();
        if (loginId.length() < 3 || loginId.length() > 254) {
            return refuse(provider, "NO_LOGIN_ID", Map.of("subjectSha256", sha256(identity.subject())));
        }
        return users.find(loginId)
                .flatMap(account -> existing(provider, account, loginId))
                .switchIfEmpty(Mono.defer(() -> provisioned(provider, identity, loginId)))
                .flatMap(userId -> sessions.open(userId, provider.companyId(), false, details(provider)));
    }

    /** Refuses a sign-in through a known provider, audited on the provider's company's chain. */
    public <T> Mono<T> refuse(IdentityProvider provider, String reason, Map<String, Object> facts) {
        Map<String, Object> details = details(provider);
        details.put("reason", reason);
        details.putAll(facts);
        return audit.record(new AuditEntry(provider.companyId(), Actor.anonymous(), AuditAction.LOGIN,
                        "identity-provider", provider.id(), AuditOutcome.FAILURE, details))
                .then(Mono.error(SsoFailedException::new));
    }

    /** Refuses a sign-in whose provider is not known (an unknown state, a removed provider), on the platform's chain. */
    public <T> Mono<T> refuseUnknown(String reason) {
        return audit.record(new AuditEntry(null, Actor.anonymous(), AuditAction.LOGIN, null, null, AuditOutcome.FAILURE,
                        Map.of("method", "sso", "reason", reason)))
                .then(Mono.error(SsoFailedException::new));
    }

    private Mono<UUID> existing(IdentityProvider provider, Account account, String loginId) {
        if (!account.companyId().equals(provider.companyId())) {
            // Never the other company's user ID on this company's chain: only a hash of what the provider sent.
            return refuse(provider, "OTHER_COMPANY", Map.of("loginIdSha256", sha256(loginId)));
        }
        return permitted(provider, account.userId()).then(Mono.defer(() -> {
            if (!account.active()) {
                return refuse(provider, "ACCOUNT_DISABLED", Map.of("userId", account.userId().toString()));
            }
            if (account.companySuspended()) {
                return audit.record(new AuditEntry(provider.companyId(), Actor.anonymous(), AuditAction.LOGIN, "user",
                                account.userId(), AuditOutcome.FAILURE, Map.of("method", "sso", "reason", "COMPANY_SUSPENDED")))
                        .then(Mono.error(CompanySuspendedException::new));
            }
            return Mono.just(account.userId());
        }));
    }

    /** JIT: a login ID that exists nowhere becomes a user of the provider's company, with no usable password. */
    private Mono<UUID> provisioned(IdentityProvider provider, ExternalIdentity identity, String loginId) {
        if (!provider.jitEnabled()) {
            return refuse(provider, "UNKNOWN_USER", Map.of("loginIdSha256", sha256(loginId)));
        }
        if (provider.jitRoleId() == null) {
            return refuse(provider, "JIT_ROLE_MISSING", Map.of("loginIdSha256", sha256(loginId)));
        }
        String email = emailOf(identity, loginId);
        if (email == null) {
            return refuse(provider, "NO_EMAIL", Map.of("loginIdSha256", sha256(loginId)));
        }
        return permitted(provider, null)
                .then(unusablePasswordHash())
                .flatMap(hash -> users.provision(provider.companyId(), loginId, clip(identity.displayName(), loginId),
                                email, hash, provider.jitRoleId(), Times.now(clock))
                        .flatMap(userId -> audit.record(new AuditEntry(provider.companyId(), Actor.system(),
                                        AuditAction.USER_CREATE, "user", userId, AuditOutcome.SUCCESS,
                                        Map.of("method", "sso-jit", "providerId", provider.id().toString(),
                                                "loginId", loginId, "roleId", provider.jitRoleId().toString())))
                                .thenReturn(userId))
                        .as(tx::transactional))
                .switchIfEmpty(Mono.defer(() -> refuse(provider, "LOGIN_ID_TAKEN", Map.of("loginIdSha256", sha256(loginId)))));
    }

    /** SEC-IP: the provider's company's allow-list, before anything is created or opened. */
    private Mono<Void> permitted(IdentityProvider provider, UUID userId) {
        return allowlists.permits(provider.companyId()).flatMap(permitted -> permitted ? Mono.empty()
                : allowlists.recordBlock(provider.companyId(), Actor.anonymous(), userId == null ? "identity-provider" : "user",
                                userId == null ? provider.id() : userId, "sso")
                        .then(Mono.error(SsoFailedException::new)));
    }

    /** The Argon2id hash of 256 random bits nobody ever sees: the column needs a hash, the user no password. */
    private Mono<String> unusablePasswordHash() {
        return Mono.fromCallable(() -> {
                    byte[] bits = new byte[32];
                    RANDOM.nextBytes(bits);
                    return Base64.getEncoder().encodeToString(bits);
                })
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(hasher::hash);
    }

    /**
     * Where a provisioned user is e-mailed (lockouts, notices): the address the provider sends, else
     * the login ID when it is one; a user no one can reach is not created.
     */
    private static String emailOf(ExternalIdentity identity, String loginId) {
        String email = clip(identity.email(), loginId);
        return EMAIL.matcher(email).matches() ? email : null;
    }

    private static Map<String, Object> details(IdentityProvider provider) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("method", "sso");
        details.put("providerId", provider.id().toString());
        details.put("kind", provider.kind().name());
        return details;
    }

    private static String clip(String value, String otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        String stripped = value.strip();
        return stripped.length() <= 200 ? stripped : stripped.substring(0, 200);
    }

    private static String sha256(String value) {
        return HexFormat.of().formatHex(Sha256.of((value == null ? "" : value.toLowerCase(Locale.ROOT))
                .getBytes(StandardCharsets.UTF_8)));
    }
}
