package jp.btob.platform.notify;

import java.time.Duration;
import java.util.Properties;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends plain-text e-mail through the configured SMTP server. JavaMail blocks, so every send runs
 * on the bounded-elastic scheduler, with socket time limits as well as the caller's.
 */
class EmailSender {

    /** The circuit breaker of the one SMTP server. */
    static final String ENDPOINT = "smtp";

    private final JavaMailSenderImpl mail;

    private final String from;

    EmailSender(NotifyProperties.Smtp smtp, Duration timeout) {
        this.from = smtp.from();
        this.mail = smtp.configured() ? sender(smtp, timeout) : null;
    }

    boolean configured() {
        return mail != null;
    }

    Mono<Void> send(String to, String subject, String text) {
        return Mono.fromRunnable(() -> {
            try {
                MimeMessage message = mail.createMimeMessage();
                MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
                helper.setFrom(new InternetAddress(from, true));
                helper.setTo(new InternetAddress(to, true));
                helper.setSubject(subject);
                helper.setText(text, false);
                mail.send(message);
            }
            catch (jakarta.mail.MessagingException ex) {
                throw new IllegalArgumentException("the message could not be built: " + ex.getMessage(), ex);
            }
        }).subscribeOn(Schedulers.boundedElastic()).then();
    }

    private static JavaMailSenderImpl sender(NotifyProperties.Smtp smtp, Duration timeout) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(smtp.host());
        sender.setPort(smtp.port());
        sender.setUsername(smtp.username());
        sender.setPassword(smtp.password());
        sender.setDefaultEncoding("UTF-8");
        Properties properties = new Properties();
        String millis = Long.toString(timeout.toMillis());
        properties.setProperty("mail.smtp.connectiontimeout", millis);
        properties.setProperty("mail.smtp.timeout", millis);
        properties.setProperty("mail.smtp.writetimeout", millis);
        properties.setProperty("mail.smtp.auth", Boolean.toString(smtp.username() != null));
        switch (smtp.tls()) {
            case STARTTLS -> {
                properties.setProperty("mail.smtp.starttls.enable", "true");
                properties.setProperty("mail.smtp.starttls.required", "true");
                properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
                properties.setProperty("mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2");
            }
            case SSL -> {
                properties.setProperty("mail.smtp.ssl.enable", "true");
                properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
                properties.setProperty("mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2");
            }
            case NONE -> {
            }
        }
        sender.setJavaMailProperties(properties);
        return sender;
    }
}
