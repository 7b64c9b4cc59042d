package jp.btob.platform.specsheet;

import java.net.URI;
import java.util.UUID;

import jp.btob.platform.api.SpecSheetsApi;
import jp.btob.platform.api.model.SpecSheet;
import jp.btob.platform.api.model.SpecSheetComments;
import jp.btob.platform.api.model.SpecSheetContent;
import jp.btob.platform.api.model.SpecSheetCreate;
import jp.btob.platform.api.model.SpecSheetPage;
import jp.btob.platform.api.model.SpecSheetReason;
import jp.btob.platform.api.model.SpecSheetRevision;
import jp.btob.platform.api.model.SpecSheetStatus;
import jp.btob.platform.permission.Callers;
import jp.btob.platform.system.ETags;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.paging.Pages;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class SpecSheetController implements SpecSheetsApi {

    /** The largest page of spec sheets, as the spec's {@code limit} allows. */
    private static final int MAX_LIMIT = 200;

    private final SpecSheetService sheets;

    SpecSheetController(SpecSheetService sheets) {
        this.sheets = sheets;
    }

    @Override
    public Mono<ResponseEntity<SpecSheetPage>> listSpecSheets(String role, SpecSheetStatus status, UUID partnerId,
                                                              String cursor, Integer limit,
                                                              ServerWebExchange exchange) {
        PageCursor after = PageCursor.decode(cursor);
        return Callers.of(exchange)
                .flatMap(caller -> sheets.list(caller, role, status, partnerId, after,
                        Pages.fetchSize(limit, MAX_LIMIT)).collectList())
                .map(rows -> Pages.of(rows, limit, MAX_LIMIT, row -> new PageCursor(row.createdAt(), row.id())))
                .map(page -> ResponseEntity.ok(new SpecSheetPage(
                        page.items().stream().map(SpecSheetMapper::toApi).toList(), page.info())));
    }

    @Override
    public Mono<ResponseEntity<SpecSheet>> requestSpecSheet(Mono<SpecSheetCreate> specSheetCreate,
                                                            String idempotencyKey, ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> specSheetCreate.flatMap(body -> sheets.request(caller, body.getSellerId(),
                        body.getProductName(), body.getProductCode(), body.getDueDate(), body.getNote())))
                .map(row -> ResponseEntity.created(URI.create("/api/v1/spec-sheets/" + row.id()))
                        .eTag(ETags.of(row.version()))
                        .body(SpecSheetMapper.toApi(row)));
    }

    @Override
    public Mono<ResponseEntity<SpecSheet>> getSpecSheet(UUID specSheetId, ServerWebExchange exchange) {
        return Callers.of(exchange).flatMap(caller -> sheets.find(caller, specSheetId))
                .map(SpecSheetController::answer);
    }

    @Override
    public Mono<ResponseEntity<SpecSheetRevision>> getSpecSheetRevision(UUID specSheetId, Integer revision,
                                                                        ServerWebExchange exchange) {
        return Callers.of(exchange).flatMap(caller -> sheets.revision(caller, specSheetId, revision))
                .map(found -> ResponseEntity.ok(SpecSheetMapper.toApi(found)));
    }

    @Override
    public Mono<ResponseEntity<SpecSheet>> updateSpecSheetContent(UUID specSheetId,
                                                                  Mono<SpecSheetContent> specSheetContent,
                                                                  String ifMatch, ServerWebExchange exchange) {
        return act(exchange, specSheetId, ifMatch, SpecSheetAction.EDIT,
                specSheetContent.map(body -> new Step(SpecSheetMapper.content(body), null)));
    }

    @Override
    public Mono<ResponseEntity<SpecSheet>> submitSpecSheet(UUID specSheetId, String ifMatch,
                                                           ServerWebExchange exchange) {
        return act(exchange, specSheetId, ifMatch, SpecSheetAction.SUBMIT, Mono.just(new Step(null, null)));
    }

    @Override
    public Mono<ResponseEntity<SpecSheet>> approveSpecSheet(UUID specSheetId, String ifMatch,
                                                            ServerWebExchange exchange) {
        return act(exchange, specSheetId, ifMatch, SpecSheetAction.APPROVE, Mono.just(new Step(null, null)));
    }

    @Override
    public Mono<ResponseEntity<SpecSheet>> returnSpecSheet(UUID specSheetId, Mono<SpecSheetComments> specSheetComments,
                                                           String ifMatch, ServerWebExchange exchange) {
        return act(exchange, specSheetId, ifMatch, SpecSheetAction.RETURN,
                specSheetComments.map(body -> new Step(null, body.getComments())));
    }

    @Override
    public Mono<ResponseEntity<SpecSheet>> cancelSpecSheet(UUID specSheetId, Mono<SpecSheetReason> specSheetReason,
                                                           String ifMatch, ServerWebExchange exchange) {
        return act(exchange, specSheetId, ifMatch, SpecSheetAction.CANCEL,
                specSheetReason.map(body -> new Step(null, body.getReason())));
    }

    private Mono<ResponseEntity<SpecSheet>> act(ServerWebExchange exchange, UUID specSheetId, String ifMatch,
                                                SpecSheetAction action, Mono<Step> body) {
        return Callers.of(exchange)
                .flatMap(caller -> body.flatMap(step -> sheets.apply(caller, specSheetId, ifMatch, action,
                        step.content(), step.note())))
                .map(SpecSheetController::answer);
    }

    private static ResponseEntity<SpecSheet> answer(SpecSheetRow row) {
        return ResponseEntity.ok().eTag(ETags.of(row.version())).body(SpecSheetMapper.toApi(row));
    }

    /** What a request body gives an action: the new content of an edit, or comments or a reason. */
    private record Step(SpecContent content, String note) {
    }
}
