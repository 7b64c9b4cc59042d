package jp.btob.platform.audit;

import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.UUID;

import jp.btob.platform.api.AuditApi;
import jp.btob.platform.api.model.AuditAnchor;
import jp.btob.platform.api.model.AuditEvent;
import jp.btob.platform.api.model.AuditEventPage;
import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.api.model.AuditVerification;
import jp.btob.platform.permission.Callers;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.paging.Pages;
import jp.btob.platform.system.paging.SeqCursor;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The caller's own company's trail: the path names no company, so no other one can be asked for. */
@RestController
class AuditController implements AuditApi {

    /** Enough for a month of a busy company in one file, small enough to build in memory. */
    static final int EXPORT_LIMIT = 10_000;

    static final String NEXT_CURSOR = "X-Next-Cursor";

    private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final AuditService audit;

    AuditController(AuditService audit) {
        this.audit = audit;
    }

    @Override
    public Mono<ResponseEntity<AuditEventPage>> listAuditEvents(OffsetDateTime from, OffsetDateTime to, UUID actorId,
                                                                String action, AuditOutcome outcome, String cursor,
                                                                Integer limit, ServerWebExchange exchange) {
        SeqCursor after = SeqCursor.decode(cursor);
        AuditFilter filter = filter(from, to, actorId, action, outcome);
        return Callers.of(exchange)
                .flatMap(user -> audit.list(user, filter, after, limit).map(AuditController::toApi).collectList())
                .map(rows -> Pages.of(rows, limit, row -> new SeqCursor(row.getSeq())))
                .map(page -> ResponseEntity.ok(new AuditEventPage(page.items(), page.info())));
    }

    @Override
    public Mono<ResponseEntity<String>> exportAuditEvents(OffsetDateTime from, OffsetDateTime to, UUID actorId,
                                                          String action, AuditOutcome outcome, String cursor,
                                                          ServerWebExchange exchange) {
        SeqCursor after = SeqCursor.decode(cursor);
        return Callers.of(exchange)
                .flatMap(user -> audit.export(user, filter(from, to, actorId, action, outcome), after, EXPORT_LIMIT)
                        .collectList()
                        .map(rows -> {
                            ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                                    .contentType(CSV)
                                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                                            .filename("audit-" + user.companyId() + ".csv").build().toString());
                            if (rows.size() > EXPORT_LIMIT) {
                                response.header(NEXT_CURSOR, new SeqCursor(rows.get(EXPORT_LIMIT - 1).seq()).encode());
                                return response.body(AuditCsv.of(rows.subList(0, EXPORT_LIMIT)));
                            }
                            return response.body(AuditCsv.of(rows));
                        }));
    }

    @Override
    public Mono<ResponseEntity<AuditVerification>> verifyAuditChain(ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(audit::verify)
                .map(check -> {
                    AuditVerification answer = new AuditVerification(!check.isBroken(), check.intact())
                            .anchor(toApi(check.anchor()));
                    ChainCheck.Break broken = check.broken();
                    return ResponseEntity.ok(broken == null ? answer : answer.firstBrokenSeq(broken.seq())
                            .firstBrokenEventId(broken.eventId())
                            .reason(broken.reason()));
                });
    }

    private static AuditFilter filter(OffsetDateTime from, OffsetDateTime to, UUID actorId, String action,
                                      AuditOutcome outcome) {
        return new AuditFilter(from == null ? null : from.toInstant(), to == null ? null : to.toInstant(),
                actorId, action, outcome);
    }

    private static AuditAnchor toApi(AuditAnchorRow anchor) {
        return anchor == null ? null : new AuditAnchor(anchor.throughSeq(),
                HexFormat.of().formatHex(anchor.throughHash()), Times.utc(anchor.throughTime()), anchor.removed(),
                Times.utc(anchor.anchoredAt()));
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
