package jp.btob.platform.identity.mfa;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.api.model.FieldError;
import jp.btob.platform.api.model.MfaChannel;
import jp.btob.platform.api.model.MfaStatus;
import jp.btob.platform.api.model.TotpEnrolment;
import jp.btob.platform.audit.Actor;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.crypto.FieldEncryption;
import jp.btob.platform.identity.CurrentUser;
import jp.btob.platform.identity.mfa.UserMfaRepository.UserMfa;
import jp.btob.platform.settings.MfaPolicy;
import jp.btob.platform.settings.SecuritySettingsService;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.problem.UnprocessableException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** The signed-in user's own second factor: the channel, the phone number and the authenticator app. */
@Service
class MfaEnrolment {

    private final UserMfaRepository users;

    private final SecuritySettingsService settings;

    private final OneTimeCodes codes;

    private final FieldEncryption encryption;

    private final MfaProperties properties;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    private final Clock clock;

    MfaEnrolment(UserMfaRepository users, SecuritySettingsService settings, OneTimeCodes codes, FieldEncryption encryption,
                 MfaProperties properties, AuditLog audit, TransactionalOperator tx, Clock clock) {
        this.users = users;
        this.settings = settings;
        this.codes = codes;
        this.encryption = encryption;
        this.properties = properties;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    Mono<MfaStatus> status(CurrentUser user) {
        return Mono.zip(settings.forCompany(user.companyId()), users.find(user.userId()))
                .map(both -> status(both.getT1().mfa(), both.getT2()));
    }

    /** Within what the company allows and what the user can receive; {@code null} drops the user's own choice. */
    Mono<MfaStatus> choose(CurrentUser user, MfaChannel channel) {
        return Mono.zip(settings.forCompany(user.companyId()), users.find(user.userId()))
                .flatMap(both -> {
                    if (channel != null && !both.getT1().mfa().allowedChannels().contains(channel)) {
                        return Mono.error(refusal(FieldError.CodeEnum.NOT_OFFERED,
                                "Your company does not allow " + channel + " as a second factor."));
                    }
                    if (channel != null && !both.getT2().canUse(channel)) {
                        return Mono.error(refusal(FieldError.CodeEnum.INVALID, channel == MfaChannel.SMS
                                ? "Set a phone number first (PUT /api/v1/me/mfa/phone)."
                                : "Enrol and confirm an authenticator app first (POST /api/v1/me/mfa/totp)."));
                    }
                    return users.choose(user.userId(), user.companyId(), channel, Times.now(clock))
                            .then(enrolled(user, Map.of("channel", channel == null ? "none" : channel.getValue())))
                            .as(tx::transactional);
                })
                .then(status(user));
    }

    Mono<MfaStatus> setPhone(CurrentUser user, String phoneNumber) {
        String hint = "•".repeat(phoneNumber.length() - 2) + phoneNumber.substring(phoneNumber.length() - 2);
        return encryption.encrypt(user.companyId(), UserMfaRepository.PHONE_NUMBER.aad(user.userId()),
                        phoneNumber.getBytes(StandardCharsets.UTF_8))
                .flatMap(sealed -> users.setPhone(user.userId(), user.companyId(), sealed, hint, Times.now(clock))
                        .then(enrolled(user, Map.of("phoneNumber", hint)))
                        .as(tx::transactional))
                .then(status(user));
    }

    /** A new secret, shown this once; it is used only after {@link #confirmTotp} gets a code made from it. */
    Mono<TotpEnrolment> enrolTotp(CurrentUser user) {
        byte[] secret = codes.newTotpSecret();
        return users.find(user.userId())
                .flatMap(found -> encryption.encrypt(user.companyId(), UserMfaRepository.TOTP_SECRET.aad(user.userId()), secret)
                        .flatMap(sealed -> users.startTotp(user.userId(), user.companyId(), sealed, Times.now(clock)))
                        .thenReturn(enrolment(found.loginId(), Base32.encode(secret))));
    }

    Mono<MfaStatus> confirmTotp(CurrentUser user, String code) {
        Instant now = Times.now(clock);
        return users.find(user.userId())
                .filter(found -> found.totpSecret() != null && !found.totpConfirmed())
                .switchIfEmpty(Mono.error(() -> refusal(FieldError.CodeEnum.INVALID,
                        "No authenticator app is waiting for confirmation: start with POST /api/v1/me/mfa/totp.")))
                .flatMap(found -> encryption.decrypt(user.companyId(), UserMfaRepository.TOTP_SECRET.aad(user.userId()),
                        found.totpSecret()))
                .flatMap(secret -> Mono.justOrEmpty(TotpCheck.matchingStep(secret, code, now))
                        .switchIfEmpty(Mono.error(() -> new UnprocessableException("The code does not match the secret.",
                                List.of(new FieldError("code", FieldError.CodeEnum.INVALID,
                                        "Not the code the app shows now; check the phone's clock."))))))
                .flatMap(step -> users.confirmTotp(user.userId(), step, now)
                        .flatMap(confirmed -> confirmed ? enrolled(user, Map.of("totp", "confirmed"))
                                : Mono.error(refusal(FieldError.CodeEnum.INVALID, "The enrolment changed meanwhile; start again.")))
                        .as(tx::transactional))
                .then(status(user));
    }

    private Mono<Void> enrolled(CurrentUser user, Map<String, Object> details) {
        return audit.record(new AuditEntry(user.companyId(), Actor.user(user.userId()), AuditAction.AUTH_MFA_ENROL, "user",
                user.userId(), AuditOutcome.SUCCESS, details)).then();
    }

    private TotpEnrolment enrolment(String loginId, String secret) {
        return new TotpEnrolment(secret, Totp.uri(properties.issuer(), loginId, secret));
    }

    private static UnprocessableException refusal(FieldError.CodeEnum code, String message) {
        return new UnprocessableException(message, List.of(new FieldError("channel", code, message)));
    }

    private static MfaStatus status(MfaPolicy policy, UserMfa user) {
        return new MfaStatus(policy.required(), List.copyOf(policy.allowedChannels()), user.totpConfirmed(), user.hasPhone())
                .channel(user.channel())
                .phoneNumberHint(user.phoneHint());
    }
}
