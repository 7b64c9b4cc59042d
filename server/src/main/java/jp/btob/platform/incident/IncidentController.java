package jp.btob.platform.incident;

import java.net.URI;
import java.util.UUID;

import jp.btob.platform.api.IncidentsApi;
import jp.btob.platform.api.model.AffectedCompanies;
import jp.btob.platform.api.model.Incident;
import jp.btob.platform.api.model.IncidentReport;
import jp.btob.platform.api.model.IncidentResolution;
import jp.btob.platform.api.model.IncidentSummaryPage;
import jp.btob.platform.api.model.IncidentUpdateRequest;
import jp.btob.platform.operator.CurrentOperator;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.paging.Pages;
import jp.btob.platform.system.problem.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The operators' incident API; every call needs an operator session. */
@RestController
class IncidentController implements IncidentsApi {

    private final IncidentService service;

    private final IncidentRepository incidents;

    IncidentController(IncidentService service, IncidentRepository incidents) {
        this.service = service;
        this.incidents = incidents;
    }

    @Override
    public Mono<ResponseEntity<IncidentSummaryPage>> listIncidents(String cursor, Integer limit,
                                                                   ServerWebExchange exchange) {
        PageCursor after = PageCursor.decode(cursor);
        return CurrentOperator.of(exchange)
                .flatMapMany(operator -> incidents.list(after, limit))
                .collectList()
                .map(rows -> Pages.of(rows, limit, row -> new PageCursor(row.incident().recordedAt(), row.incident().id())))
                .map(page -> ResponseEntity.ok(new IncidentSummaryPage(
                        page.items().stream().map(IncidentMapper::summary).toList(), page.info())));
    }

    @Override
    public Mono<ResponseEntity<Incident>> recordIncident(Mono<IncidentReport> incidentReport,
                                                         ServerWebExchange exchange) {
        return CurrentOperator.of(exchange)
                .flatMap(operator -> incidentReport.flatMap(report ->
                        service.record(operator, IncidentMapper.newIncident(report), report.getAffectedCompanyIds())))
                .flatMap(this::view)
                .map(incident -> ResponseEntity
                        .created(URI.create(IncidentsApi.PATH_GET_INCIDENT.replace("{incidentId}", incident.getId().toString())))
                        .body(incident));
    }

    @Override
    public Mono<ResponseEntity<Incident>> getIncident(UUID incidentId, ServerWebExchange exchange) {
        return CurrentOperator.of(exchange)
                .flatMap(operator -> view(incidentId))
                .map(ResponseEntity::ok);
    }

    @Override
    public Mono<ResponseEntity<Incident>> addAffectedCompanies(UUID incidentId, Mono<AffectedCompanies> affectedCompanies,
                                                               ServerWebExchange exchange) {
        return CurrentOperator.of(exchange)
                .flatMap(operator -> affectedCompanies.flatMap(body ->
                        service.addCompanies(operator, incidentId, body.getCompanyIds())))
                .then(view(incidentId))
                .map(ResponseEntity::ok);
    }

    @Override
    public Mono<ResponseEntity<Incident>> postIncidentUpdate(UUID incidentId, Mono<IncidentUpdateRequest> request,
                                                             ServerWebExchange exchange) {
        return CurrentOperator.of(exchange)
                .flatMap(operator -> request.flatMap(body -> service.postUpdate(operator, incidentId, body.getText())))
                .then(view(incidentId))
                .map(ResponseEntity::ok);
    }

    @Override
    public Mono<ResponseEntity<Incident>> resolveIncident(UUID incidentId, Mono<IncidentResolution> request,
                                                          ServerWebExchange exchange) {
        return CurrentOperator.of(exchange)
                .flatMap(operator -> request.flatMap(body -> service.resolve(operator, incidentId, body.getResolution())))
                .then(view(incidentId))
                .map(ResponseEntity::ok);
    }

    private Mono<Incident> view(UUID incidentId) {
        return incidents.find(incidentId)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("There is no such incident.")))
                .flatMap(row -> Mono.zip(incidents.notices(incidentId).collectList(),
                                incidents.updates(incidentId).collectList())
                        .map(parts -> IncidentMapper.incident(row, parts.getT1(), parts.getT2())));
    }
}
