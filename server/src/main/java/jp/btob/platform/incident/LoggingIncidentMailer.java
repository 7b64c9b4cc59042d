package jp.btob.platform.incident;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Sends nothing: it logs that a notice's mail is ready, until the platform has a durable outbox to
 * queue it in. The log names the notice and counts the recipients; it never holds an address or
 * what the incident is about.
 */
@Component
class LoggingIncidentMailer implements IncidentMailer {

    private static final Logger log = LoggerFactory.getLogger(LoggingIncidentMailer.class);

    @Override
    public Mono<Void> send(NoticeMail mail) {
        return Mono.fromRunnable(() -> log.atInfo()
                .addKeyValue("incident.id", mail.incidentId().toString())
                .addKeyValue("incident.notice.id", mail.noticeId().toString())
                .addKeyValue("organization.id", mail.companyId().toString())
                .log("Incident notice mail ({}) is ready for {} administrator(s); no mail is sent until the outbox exists",
                        mail.kind(), mail.recipients().size()));
    }
}
