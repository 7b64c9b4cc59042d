package jp.btob.platform.audit;

import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.UUID;

import jp.btob.platform.api.AuditApi;
import jp.btob.platform.api.model.AuditEvent;
import jp.btob.platform.api.model.AuditEventPage;
import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.api.model.AuditVerification;
import jp.btob.platform.identity.CurrentUser;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.paging.Pages;
import jp.btob.platform.system.paging.SeqCursor;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The caller's own company's trail: the path names no company, so no other one can be asked for. */
@RestController
class AuditController implements AuditApi {

    private final AuditService audit;

    AuditController(AuditService audit) {
        this.audit = audit;
    }

    @Override
    public Mono<ResponseEntity<AuditEventPage>> listAuditEvents(OffsetDateTime from, OffsetDateTime to, UUID actorId,
                                                                String action, AuditOutcome outcome, String cursor,
                                                                Integer limit, ServerWebExchange exchange) {
        SeqCursor after = SeqCursor.decode(cursor);
        AuditFilter filter = new AuditFilter(from == null ? null : from.toInstant(), to == null ? null : to.toInstant(),
                actorId, action, outcome);
        return CurrentUser.of(exchange)
                .flatMap(user -> audit.list(user, filter, after, limit).map(AuditController::toApi).collectList())
                .map(rows -> Pages.of(rows, limit, row -> new SeqCursor(row.getSeq())))
                .map(page -> ResponseEntity.ok(new AuditEventPage(page.items(), page.info())));
    }

    @Override
    public Mono<ResponseEntity<AuditVerification>> verifyAuditChain(ServerWebExchange exchange) {
        return CurrentUser.of(exchange)
                .flatMap(audit::verify)
                .map(check -> ResponseEntity.ok(new AuditVerification(!check.broken(), check.intact())
                        .firstBrokenSeq(check.brokenSeq())
                        .firstBrokenEventId(check.brokenEventId())
                        .reason(check.reason())));
    }

    private static AuditEvent toApi(AuditEventRow row) {
        AuditFacts facts = row.facts();
        return new AuditEvent(row.id(), row.seq(), Times.utc(facts.occurredAt()), facts.actorType(), facts.action(),
                facts.outcome(), HexFormat.of().formatHex(row.hash()))
                .actorId(facts.actorId())
                .targetType(facts.targetType())
                .targetId(facts.targetId())
                .sourceAddress(facts.sourceAddress())
                .traceId(facts.traceId())
                .details(facts.details());
    }
}
