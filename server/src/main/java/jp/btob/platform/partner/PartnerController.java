package jp.btob.platform.partner;

import java.net.URI;
import java.util.UUID;

import jp.btob.platform.api.PartnersApi;
import jp.btob.platform.api.model.PartnerConnection;
import jp.btob.platform.api.model.PartnerConnectionPage;
import jp.btob.platform.api.model.PartnerDirection;
import jp.btob.platform.api.model.PartnerInvitation;
import jp.btob.platform.api.model.PartnerStatus;
import jp.btob.platform.api.model.Party;
import jp.btob.platform.company.CompanyRepository.CompanyRef;
import jp.btob.platform.company.Tenancy;
import jp.btob.platform.permission.Caller;
import jp.btob.platform.permission.Callers;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.paging.Pages;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class PartnerController implements PartnersApi {

    private final PartnerService partners;

    PartnerController(PartnerService partners) {
        this.partners = partners;
    }

    @Override
    public Mono<ResponseEntity<PartnerConnectionPage>> listPartners(UUID companyId, PartnerStatus status,
                                                                    String cursor, Integer limit,
                                                                    ServerWebExchange exchange) {
        PageCursor after = PageCursor.decode(cursor);
        return caller(exchange, companyId)
                .flatMap(user -> partners.list(user, status, after, limit)
                        .map(row -> toApi(row, user.companyId()))
                        .collectList())
                .map(rows -> Pages.of(rows, limit, row -> new PageCursor(row.getInvitedAt().toInstant(), row.getId())))
                .map(page -> ResponseEntity.ok(new PartnerConnectionPage(page.items(), page.info())));
    }

    @Override
    public Mono<ResponseEntity<PartnerConnection>> invitePartner(UUID companyId, Mono<PartnerInvitation> invitation,
                                                                 String idempotencyKey, ServerWebExchange exchange) {
        return caller(exchange, companyId)
                .flatMap(user -> invitation
                        .flatMap(body -> partners.invite(user, body.getPartnerCode(), body.getMessage()))
                        .map(row -> toApi(row, user.companyId())))
                .map(connection -> ResponseEntity
                        .created(URI.create("/api/v1/companies/" + companyId + "/partners/" + connection.getId()))
                        .body(connection));
    }

    @Override
    public Mono<ResponseEntity<PartnerConnection>> getPartnerConnection(UUID companyId, UUID connectionId,
                                                                        ServerWebExchange exchange) {
        return caller(exchange, companyId)
                .flatMap(user -> partners.find(user, connectionId).map(row -> toApi(row, user.companyId())))
                .map(ResponseEntity::ok);
    }

    @Override
    public Mono<ResponseEntity<PartnerConnection>> acceptPartner(UUID companyId, UUID connectionId,
                                                                 ServerWebExchange exchange) {
        return apply(exchange, companyId, connectionId, PartnerAction.ACCEPT);
    }

    @Override
    public Mono<ResponseEntity<PartnerConnection>> suspendPartner(UUID companyId, UUID connectionId,
                                                                  ServerWebExchange exchange) {
        return apply(exchange, companyId, connectionId, PartnerAction.SUSPEND);
    }

    @Override
    public Mono<ResponseEntity<PartnerConnection>> resumePartner(UUID companyId, UUID connectionId,
                                                                 ServerWebExchange exchange) {
        return apply(exchange, companyId, connectionId, PartnerAction.RESUME);
    }

    private Mono<ResponseEntity<PartnerConnection>> apply(ServerWebExchange exchange, UUID companyId,
                                                          UUID connectionId, PartnerAction action) {
        return caller(exchange, companyId)
                .flatMap(user -> partners.apply(user, connectionId, action).map(row -> toApi(row, user.companyId())))
                .map(ResponseEntity::ok);
    }

    private static Mono<Caller> caller(ServerWebExchange exchange, UUID companyId) {
        return Callers.of(exchange).flatMap(user -> Tenancy.ownCompany(user, companyId, "company"));
    }

    /** The connection as the viewing company sees it: the other company is the partner. */
    private static PartnerConnection toApi(PartnerConnectionRow row, UUID viewer) {
        boolean outgoing = row.inviterId().equals(viewer);
        CompanyRef partner = outgoing ? row.invitee() : row.inviter();
        PartnerConnection connection = new PartnerConnection(row.id(),
                new Party(partner.id(), partner.code(), partner.name()),
                outgoing ? PartnerDirection.OUTGOING : PartnerDirection.INCOMING,
                row.status(), Times.utc(row.invitedAt()), Times.utc(row.updatedAt()))
                .message(row.message())
                .acceptedAt(Times.utc(row.acceptedAt()))
                .suspendedAt(Times.utc(row.suspendedAt()));
        if (row.suspendedBy() != null) {
            connection.suspendedByPartner(!row.suspendedBy().equals(viewer));
        }
        return connection;
    }
}
