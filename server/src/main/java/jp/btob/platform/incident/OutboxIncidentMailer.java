package jp.btob.platform.incident;

import jp.btob.platform.notify.Notifications;
import jp.btob.platform.notify.Topic;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Queues a notice's mail in the notification outbox, one e-mail per administrator, inside the
 * transaction that publishes or changes the notice: the mail goes out if and only if the notice
 * committed, and is retried until the SMTP server takes it. Its delivery states are found again
 * by the topic {@code ("incident-notice", noticeId)}.
 */
@Component
class OutboxIncidentMailer implements IncidentMailer {

    static final String TOPIC = "incident-notice";

    private final Notifications notifications;

    OutboxIncidentMailer(Notifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public Mono<Void> send(NoticeMail mail) {
        Topic topic = new Topic(TOPIC, mail.noticeId());
        String subject = subject(mail);
        String text = text(mail);
        return Flux.fromIterable(mail.recipients())
                .concatMap(to -> notifications.email(topic, to, subject, text))
                .then();
    }

    static String subject(NoticeMail mail) {
        String what = switch (mail.kind()) {
            case PUBLISHED -> "Security incident notice / セキュリティインシデントのお知らせ";
            case UPDATED -> "Security incident update / セキュリティインシデントの続報";
            case RESOLVED -> "Security incident resolved / セキュリティインシデントの収束";
        };
        return "[BtoB Platform] " + what + ": " + mail.title();
    }

    static String text(NoticeMail mail) {
        return "BtoB Platform has recorded a security incident that affects your company.\n"
                + "BtoB プラットフォームは、貴社に影響するセキュリティインシデントを記録しました。\n\n"
                + "Incident:    " + mail.title() + "\n"
                + "Severity:    " + mail.severity().getValue() + "\n"
                + "Detected at: " + mail.detectedAt() + " (UTC)\n"
                + "Notice:      " + mail.kind() + "\n\n"
                + mail.text() + "\n\n"
                + "The notice and its updates: GET /api/v1/companies/" + mail.companyId() + "/incidents/" + mail.incidentId() + "\n"
                + "Notice ID: " + mail.noticeId() + "\n";
    }
}
