package jp.btob.platform.identity.mfa;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jp.btob.platform.api.model.MfaChannel;
import jp.btob.platform.crypto.FieldEncryption;
import jp.btob.platform.identity.mfa.UserMfaRepository.UserMfa;
import jp.btob.platform.notify.EmailSender;
import jp.btob.platform.notify.NotifyProperties;
import jp.btob.platform.system.problem.ProblemException;
import jp.btob.platform.system.problem.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Sends a code to the user at once, by e-mail or SMS, never through the durable outbox: a code
 * must not wait in a table in clear, and the user is waiting for it.
 */
@Component
class CodeDelivery {

    private static final Logger log = LoggerFactory.getLogger(CodeDelivery.class);

    private final EmailSender email;

    private final SmsGateway sms;

    private final FieldEncryption encryption;

    private final Duration emailTimeout;

    private final MfaProperties properties;

    CodeDelivery(EmailSender email, SmsGateway sms, FieldEncryption encryption, NotifyProperties notify,
                 MfaProperties properties) {
        this.email = email;
        this.sms = sms;
        this.encryption = encryption;
        this.emailTimeout = notify.timeout();
        this.properties = properties;
    }

    Mono<Void> send(UserMfa user, MfaChannel channel, String code) {
        long minutes = properties.codeLifetime().toMinutes();
        if (channel == MfaChannel.SMS) {
            return encryption.decrypt(user.companyId(), UserMfaRepository.PHONE_NUMBER.aad(user.userId()), user.phoneNumber())
                    .flatMap(phone -> sms.send(new String(phone, StandardCharsets.UTF_8),
                            "BtoB Platform code: " + code + " (valid " + minutes + " min). Never share it."))
                    .onErrorMap(failure -> !(failure instanceof ProblemException), failure -> {
                        log.warn("A second-factor code could not be sent by SMS: {}", failure.toString());
                        return new SmsUnavailableException();
                    });
        }
        if (!email.configured()) {
            return Mono.error(new Unavailable("E-mail cannot be sent: no SMTP server is configured."));
        }
        return email.send(user.email(), "BtoB Platform sign-in code",
                        "Your sign-in code is " + code + ".\n\nIt is valid for " + minutes + " minutes and works once."
                                + "\nIf you did not just sign in, change your password and tell your administrator.")
                .timeout(emailTimeout)
                .onErrorMap(failure -> !(failure instanceof ProblemException), failure -> {
                    log.warn("A second-factor code could not be sent by e-mail: {}", failure.toString());
                    return new Unavailable("The code could not be sent by e-mail; try again in a moment.");
                });
    }

    static final class Unavailable extends ProblemException {

        Unavailable(String detail) {
            super(ProblemType.UNAVAILABLE, detail);
        }
    }
}
