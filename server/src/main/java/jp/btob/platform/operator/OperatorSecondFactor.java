package jp.btob.platform.operator;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.api.model.TotpEnrolment;
import jp.btob.platform.audit.Actor;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.crypto.FieldEncryption;
import jp.btob.platform.identity.SessionTokens;
import jp.btob.platform.identity.mfa.Base32;
import jp.btob.platform.identity.mfa.InvalidMfaCodeException;
import jp.btob.platform.identity.mfa.MfaProperties;
import jp.btob.platform.identity.mfa.OneTimeCodes;
import jp.btob.platform.identity.mfa.Totp;
import jp.btob.platform.identity.mfa.TotpCheck;
import jp.btob.platform.operator.OperatorChallengeRepository.Counted;
import jp.btob.platform.operator.OperatorMfaRepository.OperatorTotp;
import jp.btob.platform.system.Times;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The operators' second factor, always an authenticator app (OPS-PRIV, SEC-MFA): the challenge a
 * right password earns, the enrolment of an operator who has no app yet, and the check of the code
 * that opens the session. Codes are checked as the company users' TOTP codes are; a challenge works
 * once and a code's time step is accepted once. Every refusal answers the same problem, counts
 * toward the operator lockout and is audited as a failed {@code operator.login}.
 */
@Service
class OperatorSecondFactor {

    private final OperatorChallengeRepository challenges;

    private final OperatorMfaRepository apps;

    private final OperatorSessionRepository sessions;

    private final OperatorLockout lockout;

    private final OneTimeCodes codes;

    private final FieldEncryption encryption;

    private final MfaProperties mfa;

    private final OperatorProperties properties;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    private final Clock clock;

    OperatorSecondFactor(OperatorChallengeRepository challenges, OperatorMfaRepository apps,
                         OperatorSessionRepository sessions, OperatorLockout lockout, OneTimeCodes codes,
                         FieldEncryption encryption, MfaProperties mfa, OperatorProperties properties, AuditLog audit,
                         TransactionalOperator tx, Clock clock) {
        this.challenges = challenges;
        this.apps = apps;
        this.sessions = sessions;
        this.lockout = lockout;
        this.codes = codes;
        this.encryption = encryption;
        this.mfa = mfa;
        this.properties = properties;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** The challenge for an operator whose password was just accepted, with a new secret if no app is confirmed. */
    Mono<Challenge> challenge(UUID operatorId, String loginId) {
        Instant now = Times.now(clock);
        String id = codes.newChallengeId();
        Instant expiresAt = now.plus(mfa.codeLifetime());
        return apps.find(operatorId)
                .map(OperatorTotp::confirmed)
                .defaultIfEmpty(false)
                .flatMap(confirmed -> confirmed ? Mono.just(Optional.<TotpEnrolment>empty())
                        : enrol(operatorId, loginId, now).map(Optional::of))
                .flatMap(enrolment -> challenges.insert(id, operatorId, enrolment.isPresent(), now, expiresAt)
                        .then(audit.record(new AuditEntry(null, Actor.operator(operatorId),
                                AuditAction.OPERATOR_MFA_CHALLENGE, "operator", operatorId, AuditOutcome.SUCCESS,
                                Map.of("enrolment", enrolment.isPresent()))))
                        .thenReturn(new Challenge(id, expiresAt, enrolment.orElse(null))))
                .as(tx::transactional);
    }

    private Mono<TotpEnrolment> enrol(UUID operatorId, String loginId, Instant now) {
        byte[] secret = codes.newTotpSecret();
        String base32 = Base32.encode(secret);
        return encryption.encrypt(FieldEncryption.PLATFORM, OperatorMfaRepository.TOTP_SECRET.aad(operatorId), secret)
                .flatMap(sealed -> apps.startTotp(operatorId, sealed, now))
                .flatMap(started -> started
                        ? Mono.just(new TotpEnrolment(base32, Totp.uri(mfa.issuer(), loginId, base32)))
                        : Mono.error(new IllegalStateException("Operator " + operatorId + " confirmed an app meanwhile")));
    }

    /** The session, once the code is right for a live challenge of an operator who may sign in. */
    Mono<IssuedSession> verify(String challengeId, String code) {
        Instant now = Times.now(clock);
        return challenges.countAttempt(challengeId, now, mfa.maxAttempts())
                .flatMap(counted -> check(counted, code, now))
                .switchIfEmpty(Mono.defer(() -> challenges.owner(challengeId)
                        .flatMap(operatorId -> refuse(operatorId, Refusal.INVALID_CHALLENGE))
                        .switchIfEmpty(Mono.defer(() -> refuse(null, Refusal.INVALID_CHALLENGE)))));
    }

    private Mono<IssuedSession> check(Counted counted, String code, Instant now) {
        UUID operatorId = counted.operatorId();
        return apps.find(operatorId)
                .filter(app -> app.confirmed() != counted.enrolment())
                .flatMap(app -> encryption.decrypt(FieldEncryption.PLATFORM, OperatorMfaRepository.TOTP_SECRET.aad(operatorId),
                                app.secret())
                        .flatMap(secret -> Mono.justOrEmpty(TotpCheck.matchingStep(secret, code, now)))
                        .flatMap(step -> open(counted, app, step, now)))
                .switchIfEmpty(Mono.defer(() -> refuse(operatorId, Refusal.WRONG_CODE)))
                .onErrorResume(Refused.class, refused -> refuse(operatorId, refused.reason));
    }

    /** Uses the step and the challenge up and opens the session, all or nothing. Draws the token off the event loop. */
    private Mono<IssuedSession> open(Counted counted, OperatorTotp app, long step, Instant now) {
        UUID operatorId = counted.operatorId();
        Instant expiresAt = now.plus(properties.sessionLifetime());
        return Mono.fromCallable(SessionTokens::newToken)
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(token -> apps.useStep(operatorId, app.secret(), counted.enrolment(), step, now)
                        .flatMap(fresh -> fresh ? challenges.consume(counted.id(), now)
                                : Mono.error(new Refused(Refusal.REPLAYED_CODE)))
                        .flatMap(won -> won ? sessions.open(SessionTokens.hash(token), operatorId, now, expiresAt)
                                : Mono.error(new Refused(Refusal.INVALID_CHALLENGE)))
                        .switchIfEmpty(Mono.error(() -> new Refused(Refusal.ACCOUNT_UNAVAILABLE)))
                        .flatMap(sessionId -> (counted.enrolment()
                                        ? audit.record(AuditEntry.success(null, Actor.operator(operatorId),
                                                AuditAction.OPERATOR_MFA_ENROL, "operator", operatorId))
                                        : Mono.<Void>empty())
                                .then(audit.record(AuditEntry.success(null, Actor.operator(operatorId),
                                        AuditAction.OPERATOR_LOGIN, "operator-session", sessionId))))
                        .as(tx::transactional)
                        .thenReturn(new IssuedSession(token, expiresAt)));
    }

    /**
     * Audits the refusal on the platform's chain and counts it toward the lockout, but for an
     * operator who may not sign in anyway; the caller is not known to be the operator.
     */
    private Mono<IssuedSession> refuse(UUID operatorId, Refusal reason) {
        Mono<Void> counted = operatorId == null || reason == Refusal.ACCOUNT_UNAVAILABLE ? Mono.empty()
                : lockout.countFailure(operatorId);
        return counted
                .then(audit.record(new AuditEntry(null, Actor.anonymous(), AuditAction.OPERATOR_LOGIN,
                        operatorId == null ? null : "operator", operatorId, AuditOutcome.FAILURE,
                        Map.of("reason", reason.name()))))
                .then(Mono.error(InvalidMfaCodeException::new));
    }

    /** Why a code was refused, for the audit trail only: the caller is told none of it. */
    enum Refusal { WRONG_CODE, REPLAYED_CODE, INVALID_CHALLENGE, ACCOUNT_UNAVAILABLE }

    /** Ends the transaction of a code that lost at the last moment; never leaves this class. */
    private static final class Refused extends RuntimeException {

        private final Refusal reason;

        Refused(Refusal reason) {
            super(reason.name(), null, false, false);
            this.reason = reason;
        }
    }

    /** What a right password earns: the challenge, and a new secret to add to an app if none is confirmed yet. */
    record Challenge(String id, Instant expiresAt, TotpEnrolment enrolment) {
    }

    record IssuedSession(String token, Instant expiresAt) {
    }
}
