package jp.btob.platform.incident;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.audit.Actor;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.company.CompanyRepository;
import jp.btob.platform.company.CompanyRepository.CompanyRef;
import jp.btob.platform.incident.IncidentRepository.IncidentRow;
import jp.btob.platform.incident.IncidentRepository.NewIncident;
import jp.btob.platform.incident.NoticeMail.Kind;
import jp.btob.platform.operator.CurrentOperator;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.problem.InvalidTransitionException;
import jp.btob.platform.system.problem.NotFoundException;
import jp.btob.platform.system.problem.UnprocessableException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * What operators do to incidents. Each change commits with the notices and mails it causes and
 * with its audit events, on the platform's chain and on each affected company's, or not at all.
 */
@Service
class IncidentService {

    private final IncidentRepository incidents;

    private final CompanyRepository companies;

    private final NoticePublisher notices;

    private final AuditLog audit;

    private final TransactionalOperator tx;

    private final Clock clock;

    IncidentService(IncidentRepository incidents, CompanyRepository companies, NoticePublisher notices,
                    AuditLog audit, TransactionalOperator tx, Clock clock) {
        this.incidents = incidents;
        this.companies = companies;
        this.notices = notices;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** Records the incident and notifies every affected company; answers the incident's ID. */
    Mono<UUID> record(CurrentOperator operator, NewIncident report, List<UUID> companyIds) {
        Instant now = Times.now(clock);
        // PostgreSQL keeps microseconds: the detection is judged as it will be stored.
        NewIncident incident = new NewIncident(report.title(), report.description(), report.severity(),
                report.detectedAt().truncatedTo(ChronoUnit.MICROS));
        if (incident.detectedAt().isAfter(now)) {
            return Mono.error(new UnprocessableException("The first detection cannot lie in the future; it was "
                    + Times.utc(incident.detectedAt()) + " and it is now " + Times.utc(now) + "."));
        }
        return existing(companyIds).flatMap(affected -> incidents
                .insert(incident, NotificationClock.deadline(incident.detectedAt()), now, operator.operatorId())
                .flatMap(row -> notices.publish(operator, row, affected, now, AuditAction.INCIDENT_RECORD)
                        .flatMap(told -> audited(operator, row, AuditAction.INCIDENT_RECORD, told,
                                Map.of("severity", row.severity().getValue(), "companies", ids(told))))
                        .thenReturn(row.id()))
                .as(tx::transactional));
    }

    /** Notifies the companies found to be affected later; those already affected are left as they are. */
    Mono<Void> addCompanies(CurrentOperator operator, UUID incidentId, List<UUID> companyIds) {
        return existing(companyIds).flatMap(affected -> {
            Instant now = Times.now(clock);
            return change(incidentId, IncidentAction.ADD_COMPANIES, now)
                    .flatMap(row -> notices.publish(operator, row, affected, now, AuditAction.INCIDENT_ADD_COMPANIES)
                            .flatMap(told -> audited(operator, row, AuditAction.INCIDENT_ADD_COMPANIES, told,
                                    Map.of("companies", ids(told)))))
                    .as(tx::transactional);
        });
    }

    Mono<Void> postUpdate(CurrentOperator operator, UUID incidentId, String text) {
        Instant now = Times.now(clock);
        return change(incidentId, IncidentAction.UPDATE, now)
                .flatMap(row -> incidents.insertUpdate(incidentId, operator.operatorId(), text, now)
                        .then(notices.tell(operator, row, Kind.UPDATED, text, AuditAction.INCIDENT_UPDATE))
                        .flatMap(told -> audited(operator, row, AuditAction.INCIDENT_UPDATE, told, null)))
                .as(tx::transactional);
    }

    Mono<Void> resolve(CurrentOperator operator, UUID incidentId, String resolution) {
        Instant now = Times.now(clock);
        return change(incidentId, IncidentAction.RESOLVE, now)
                .flatMap(open -> incidents.resolve(incidentId, operator.operatorId(), resolution, now)
                        .switchIfEmpty(Mono.error(() -> new IllegalStateException("A locked open incident did not resolve"))))
                .flatMap(row -> notices.tell(operator, row, Kind.RESOLVED, resolution, AuditAction.INCIDENT_RESOLVE)
                        .flatMap(told -> audited(operator, row, AuditAction.INCIDENT_RESOLVE, told, null)))
                .as(tx::transactional);
    }

    /** The incident, locked for the change, if the action is allowed in its state. */
    private Mono<IncidentRow> change(UUID incidentId, IncidentAction action, Instant now) {
        return incidents.lock(incidentId, now)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("There is no such incident.")))
                .flatMap(row -> action.allowedFrom(row.status())
                        ? Mono.just(row)
                        : Mono.error(new InvalidTransitionException("The incident is " + row.status()
                                + "; you cannot " + action.verb() + " it.")));
    }

    /** The change on the platform's chain, with the events of the companies it told on theirs. */
    private Mono<Void> audited(CurrentOperator operator, IncidentRow row, AuditAction action, List<AuditEntry> told,
                               Map<String, Object> details) {
        List<AuditEntry> entries = new ArrayList<>(told);
        entries.add(new AuditEntry(null, Actor.operator(operator.operatorId()), action, "incident", row.id(),
                AuditOutcome.SUCCESS, details));
        return audit.record(entries);
    }

    /** The distinct company IDs, if every one of them names a company; otherwise nothing may be written. */
    private Mono<List<UUID>> existing(List<UUID> companyIds) {
        List<UUID> distinct = companyIds.stream().distinct().toList();
        return companies.findRefs(distinct).map(CompanyRef::id).collect(Collectors.toSet()).flatMap(found -> {
            List<String> unknown = distinct.stream().filter(id -> !found.contains(id)).map(UUID::toString).toList();
            return unknown.isEmpty()
                    ? Mono.just(distinct)
                    : Mono.error(new UnprocessableException("No company has the ID " + String.join(", ", unknown) + "."));
        });
    }

    private static List<String> ids(List<AuditEntry> told) {
        return told.stream().map(entry -> entry.companyId().toString()).sorted().toList();
    }
}
