package jp.btob.platform.identity.mfa;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.api.model.MfaChannel;
import jp.btob.platform.audit.Actor;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.crypto.FieldEncryption;
import jp.btob.platform.identity.mfa.ChallengeRepository.Counted;
import jp.btob.platform.identity.mfa.UserMfaRepository.UserMfa;
import jp.btob.platform.settings.MfaPolicy;
import jp.btob.platform.system.Times;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The second factor of a login: whether one is needed and by which channel, the challenge and
 * its code, and the check of the answer. A challenge's ID is the only thing that ties a code to
 * its user, so it is 192 random bits, and every way a check can fail answers the same problem.
 */
@Service
public class SecondFactors {

    /** Where no channel the company allows can reach the user, e-mail always can. */
    private static final List<MfaChannel> FALLBACK_ORDER = List.of(MfaChannel.EMAIL, MfaChannel.TOTP, MfaChannel.SMS);

    private final ChallengeRepository challenges;

    private final UserMfaRepository users;

    private final OneTimeCodes codes;

    private final CodeDelivery delivery;

    private final FieldEncryption encryption;

    private final MfaProperties properties;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    private final Clock clock;

    SecondFactors(ChallengeRepository challenges, UserMfaRepository users, OneTimeCodes codes,
                  CodeDelivery delivery, FieldEncryption encryption, MfaProperties properties,
                  AuditLog audit, TransactionalOperator tx, Clock clock) {
        this.challenges = challenges;
        this.users = users;
        this.codes = codes;
        this.delivery = delivery;
        this.encryption = encryption;
        this.properties = properties;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * A challenge for a user whose password was just accepted, with its code sent; empty, without
     * reading the user's factors, when neither the company's {@code policy} nor the user
     * ({@code chosen}, whether they chose a second factor), as the login read them with the account,
     * asks for one. {@code requested}, if the user can receive it and the company allows it, comes
     * before the user's own choice.
     */
    public Mono<Challenge> challenge(UUID userId, MfaPolicy policy, MfaChannel requested, boolean chosen) {
        if (!wanted(policy, chosen)) {
            return Mono.empty();
        }
        // Fails closed: a user who cannot be read must not get a session without the second factor.
        return users.find(userId)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("No user " + userId + " after the password check")))
                .flatMap(user -> {
                    MfaChannel channel = choose(policy, user, requested);
                    return channel == null ? Mono.empty() : open(user, channel);
                });
    }

    /** The channel to use, or null when no second factor is wanted. */
    static MfaChannel choose(MfaPolicy policy, UserMfa user, MfaChannel requested) {
        if (!wanted(policy, user.channel() != null)) {
            return null;
        }
        for (MfaChannel candidate : new MfaChannel[] {requested, user.channel()}) {
            if (candidate != null && policy.allowedChannels().contains(candidate) && user.canUse(candidate)) {
                return candidate;
            }
        }
        return FALLBACK_ORDER.stream()
                .filter(candidate -> policy.allowedChannels().contains(candidate) && user.canUse(candidate))
                .findFirst().orElse(MfaChannel.EMAIL);
    }

    /** Whether a login needs a second factor: the company requires one, or the user chose one ({@code chosen}). */
    private static boolean wanted(MfaPolicy policy, boolean chosen) {
        return policy.required() || chosen;
    }

    private Mono<Challenge> open(UserMfa user, MfaChannel channel) {
        String id = codes.newChallengeId();
        Instant now = Times.now(clock);
        boolean sent = channel != MfaChannel.TOTP;
        String code = sent ? codes.newCode() : null;
        String keyId = sent ? codes.currentKeyId() : null;
        byte[] hash = sent ? codes.hash(keyId, id, code) : null;
        Mono<Void> stored = challenges.insert(id, user.userId(), user.companyId(), channel, hash, keyId, now,
                        now.plus(properties.codeLifetime()))
                .then(audit.record(new AuditEntry(user.companyId(), Actor.user(user.userId()), AuditAction.AUTH_MFA_CHALLENGE,
                        "user", user.userId(), AuditOutcome.SUCCESS, Map.of("channel", channel.getValue()))))
                .as(tx::transactional)
                .then();
        return stored
                .then(sent ? delivery.send(user, channel, code) : Mono.empty())
                .thenReturn(new Challenge(id, channel));
    }

    /** The user the challenge was for, once the code is right; the challenge is used up then. */
    public Mono<Verified> verify(String challengeId, String code) {
        Instant now = Times.now(clock);
        return challenges.countAttempt(challengeId, now, properties.maxAttempts())
                .flatMap(counted -> matches(counted, code, now)
                        .flatMap(step -> accept(counted, step, now))
                        .switchIfEmpty(Mono.defer(() -> refuse(counted))))
                .switchIfEmpty(Mono.defer(() -> challenges.owner(challengeId)
                        .flatMap(this::refuse)
                        .switchIfEmpty(Mono.defer(() -> refuse(null)))));
    }

    /** The TOTP step the code is of, 0 for a right e-mail or SMS code; empty when the code is wrong. */
    private Mono<Long> matches(Counted counted, String code, Instant now) {
        if (counted.channel() != MfaChannel.TOTP) {
            return OneTimeCodes.same(codes.hash(counted.keyId(), counted.id(), code), counted.codeHash())
                    ? Mono.just(0L) : Mono.empty();
        }
        return users.find(counted.userId())
                .filter(user -> user.totpConfirmed() && user.totpSecret() != null)
                .flatMap(user -> encryption.decrypt(user.companyId(), UserMfaRepository.TOTP_SECRET.aad(user.userId()),
                        user.totpSecret()))
                .flatMap(secret -> Mono.justOrEmpty(TotpCheck.matchingStep(secret, code, now)));
    }

    private Mono<Verified> accept(Counted counted, long step, Instant now) {
        Mono<Boolean> stepFresh = counted.channel() == MfaChannel.TOTP ? users.useStep(counted.userId(), step) : Mono.just(true);
        return stepFresh
                .flatMap(fresh -> fresh ? challenges.consume(counted.id(), now) : Mono.just(false))
                .flatMap(won -> won
                        ? audit.record(entry(counted, AuditOutcome.SUCCESS))
                                .thenReturn(new Verified(counted.userId(), counted.companyId()))
                        : Mono.<Verified>empty())
                .as(tx::transactional)
                .switchIfEmpty(Mono.defer(() -> refuse(counted)));
    }

    /** Audits the refusal on the user's company chain, or the platform's for an unknown challenge. */
    private Mono<Verified> refuse(Counted counted) {
        AuditEntry entry = counted == null
                ? new AuditEntry(null, Actor.anonymous(), AuditAction.AUTH_MFA_VERIFY, null, null, AuditOutcome.FAILURE,
                        Map.of("reason", "unknown-challenge"))
                : entry(counted, AuditOutcome.FAILURE);
        return audit.record(entry).then(Mono.error(InvalidMfaCodeException::new));
    }

    private static AuditEntry entry(Counted counted, AuditOutcome outcome) {
        return new AuditEntry(counted.companyId(), outcome == AuditOutcome.SUCCESS ? Actor.user(counted.userId())
                : Actor.anonymous(), AuditAction.AUTH_MFA_VERIFY, "user", counted.userId(), outcome,
                Map.of("channel", counted.channel().getValue()));
    }

    /** A new code for a live e-mail or SMS challenge, within the resend limits. */
    public Mono<Void> resend(String challengeId) {
        Instant now = Times.now(clock);
        String code = codes.newCode();
        String keyId = codes.currentKeyId();
        return challenges.replaceCode(challengeId, codes.hash(keyId, challengeId, code), keyId, now,
                        now.minus(properties.resendInterval()), properties.maxResends(), now.plus(properties.codeLifetime()))
                .switchIfEmpty(Mono.error(MfaResendLimitedException::new))
                .flatMap(counted -> users.find(counted.userId())
                        .flatMap(user -> delivery.send(user, counted.channel(), code)));
    }

    /** A challenge that {@code login} answers instead of a session. */
    public record Challenge(String id, MfaChannel channel) {
    }

    /** A user who answered their challenge. */
    public record Verified(UUID userId, UUID companyId) {
    }
}
