package jp.btob.platform.incident;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.audit.Actor;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.company.CompanyRepository;
import jp.btob.platform.incident.IncidentRepository.IncidentRow;
import jp.btob.platform.incident.IncidentRepository.NoticeRow;
import jp.btob.platform.incident.NoticeMail.Kind;
import jp.btob.platform.operator.CurrentOperator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Tells the affected companies, inside the caller's transaction: publishes their notices, hands
 * each notice's mail to the {@link IncidentMailer}, and answers the audit event each company's
 * chain gets, for the caller to record with its own.
 */
@Component
class NoticePublisher {

    private final IncidentRepository incidents;

    private final CompanyRepository companies;

    private final IncidentMailer mailer;

    NoticePublisher(IncidentRepository incidents, CompanyRepository companies, IncidentMailer mailer) {
        this.incidents = incidents;
        this.companies = companies;
        this.mailer = mailer;
    }

    /** Publishes a notice to each company that has none yet; the others are left as they are. */
    Mono<List<AuditEntry>> publish(CurrentOperator operator, IncidentRow incident, List<UUID> companyIds, Instant now,
                                   AuditAction action) {
        return companies.activeAdminEmails(companyIds).flatMap(admins -> Flux.fromIterable(companyIds)
                .sort()
                .concatMap(companyId -> {
                    List<String> recipients = admins.getOrDefault(companyId, List.of());
                    return incidents.insertNotice(incident.id(), companyId, now, recipients.size())
                            .flatMap(noticeId -> mailer.send(mail(Kind.PUBLISHED, incident, noticeId, companyId,
                                            incident.description(), recipients))
                                    .thenReturn(entry(operator, incident, companyId, action, Map.of(
                                            "recipients", recipients.size(),
                                            "promise", NotificationClock.judge(now, incident.notifyBy()).getValue()))));
                })
                .collectList());
    }

    /** Mails every affected company's administrators about a change to the incident. */
    Mono<List<AuditEntry>> tell(CurrentOperator operator, IncidentRow incident, Kind kind, String text,
                                AuditAction action) {
        return incidents.notices(incident.id()).collectList().flatMap(notices -> companies
                .activeAdminEmails(notices.stream().map(NoticeRow::companyId).toList())
                .flatMap(admins -> Flux.fromIterable(notices)
                        .sort(Comparator.comparing(NoticeRow::companyId))
                        .concatMap(notice -> {
                            List<String> recipients = admins.getOrDefault(notice.companyId(), List.of());
                            return mailer.send(mail(kind, incident, notice.id(), notice.companyId(), text, recipients))
                                    .thenReturn(entry(operator, incident, notice.companyId(), action,
                                            Map.of("recipients", recipients.size())));
                        })
                        .collectList()));
    }

    private static NoticeMail mail(Kind kind, IncidentRow incident, UUID noticeId, UUID companyId, String text,
                                   List<String> recipients) {
        return new NoticeMail(kind, incident.id(), noticeId, companyId, incident.title(), incident.severity(),
                incident.detectedAt(), text, recipients);
    }

    /** The event on the company's own chain: it names no other company, since the company's administrators read it. */
    private static AuditEntry entry(CurrentOperator operator, IncidentRow incident, UUID companyId, AuditAction action,
                                    Map<String, Object> details) {
        return new AuditEntry(companyId, Actor.operator(operator.operatorId()), action, "incident", incident.id(),
                AuditOutcome.SUCCESS, details);
    }
}
