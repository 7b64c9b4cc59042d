package jp.btob.platform.support;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jp.btob.platform.incident.IncidentMailer;
import jp.btob.platform.incident.NoticeMail;
import reactor.core.publisher.Mono;

/** Keeps every mail handed to the incident mailer, for tests to see who was to be told, then passes it on. */
public final class RecordingIncidentMailer implements IncidentMailer {

    private final IncidentMailer platformMailer;

    private final List<NoticeMail> mails = new CopyOnWriteArrayList<>();

    RecordingIncidentMailer(IncidentMailer platformMailer) {
        this.platformMailer = platformMailer;
    }

    @Override
    public Mono<Void> send(NoticeMail mail) {
        return Mono.fromRunnable(() -> mails.add(mail)).then(platformMailer.send(mail));
    }

    /** The mails about one incident, in the order they were handed over. */
    public List<NoticeMail> of(UUID incidentId) {
        return mails.stream().filter(mail -> mail.incidentId().equals(incidentId)).toList();
    }

    /** The mails to one company, about any incident. */
    public List<NoticeMail> to(UUID companyId) {
        return mails.stream().filter(mail -> mail.companyId().equals(companyId)).toList();
    }
}
