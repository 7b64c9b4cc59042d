package jp.btob.platform.incident;

import java.util.UUID;

import jp.btob.platform.api.IncidentNoticesApi;
import jp.btob.platform.api.model.IncidentNotice;
import jp.btob.platform.api.model.IncidentNoticePage;
import jp.btob.platform.company.Tenancy;
import jp.btob.platform.permission.Caller;
import jp.btob.platform.permission.Callers;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.paging.Pages;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A company administrator's view of the incidents that affected their company. Another company,
 * or an incident that did not affect this one, is not found.
 */
@RestController
class IncidentNoticeController implements IncidentNoticesApi {

    private final IncidentRepository incidents;

    IncidentNoticeController(IncidentRepository incidents) {
        this.incidents = incidents;
    }

    @Override
    public Mono<ResponseEntity<IncidentNoticePage>> listIncidentNotices(UUID companyId, String cursor, Integer limit,
                                                                        ServerWebExchange exchange) {
        PageCursor after = PageCursor.decode(cursor);
        return admin(companyId, exchange)
                .flatMapMany(user -> incidents.noticesOf(companyId, after, limit))
                .collectList()
                .map(rows -> Pages.of(rows, limit, row -> new PageCursor(row.notifiedAt(), row.noticeId())))
                .map(page -> ResponseEntity.ok(new IncidentNoticePage(
                        page.items().stream().map(IncidentMapper::noticeSummary).toList(), page.info())));
    }

    @Override
    public Mono<ResponseEntity<IncidentNotice>> getIncidentNotice(UUID companyId, UUID incidentId,
                                                                  ServerWebExchange exchange) {
        return admin(companyId, exchange)
                .flatMap(user -> incidents.noticeOf(companyId, incidentId))
                .switchIfEmpty(Mono.error(() -> Tenancy.notFound("incident notice")))
                .flatMap(notice -> incidents.updates(incidentId).collectList()
                        .map(updates -> IncidentMapper.notice(notice, updates)))
                .map(ResponseEntity::ok);
    }

    private static Mono<Caller> admin(UUID companyId, ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(user -> Tenancy.ownCompany(user, companyId, "company"));
    }
}
