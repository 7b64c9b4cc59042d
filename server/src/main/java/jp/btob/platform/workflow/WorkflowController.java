package jp.btob.platform.workflow;

import java.net.URI;
import java.util.UUID;

import jp.btob.platform.api.WorkflowApi;
import jp.btob.platform.api.model.ApprovalReason;
import jp.btob.platform.api.model.ApprovalRequest;
import jp.btob.platform.api.model.ApprovalRequestCreate;
import jp.btob.platform.api.model.ApprovalRequestPage;
import jp.btob.platform.api.model.ApprovalSendBack;
import jp.btob.platform.api.model.WorkflowRoute;
import jp.btob.platform.api.model.WorkflowRouteCreate;
import jp.btob.platform.permission.Callers;
import jp.btob.platform.system.ETags;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.paging.Pages;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class WorkflowController implements WorkflowApi {

    private final WorkflowRouteService routes;

    private final ApprovalService approvals;

    WorkflowController(WorkflowRouteService routes, ApprovalService approvals) {
        this.routes = routes;
        this.approvals = approvals;
    }

    @Override
    public Mono<ResponseEntity<WorkflowRoute>> createWorkflowRoute(Mono<WorkflowRouteCreate> workflowRouteCreate,
                                                                   String idempotencyKey, ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> workflowRouteCreate.flatMap(body -> routes.create(caller, body.getName(),
                        body.getSubject(), body.getMinAmount() == null ? 0L : body.getMinAmount(), body.getMaxAmount(),
                        body.getSteps().stream().map(WorkflowMapper::step).toList())))
                .map(row -> ResponseEntity.created(URI.create("/api/v1/workflow/routes/" + row.id()))
                        .body(WorkflowMapper.toApi(row)));
    }

    @Override
    public Mono<ResponseEntity<WorkflowRoute>> getWorkflowRoute(UUID routeId, ServerWebExchange exchange) {
        return Callers.of(exchange).flatMap(caller -> routes.find(caller, routeId))
                .map(row -> ResponseEntity.ok(WorkflowMapper.toApi(row)));
    }

    @Override
    public Mono<ResponseEntity<ApprovalRequest>> createApprovalRequest(Mono<ApprovalRequestCreate> approvalRequestCreate,
                                                                       String idempotencyKey,
                                                                       ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> approvalRequestCreate.flatMap(body -> approvals.file(caller, body.getSubject(),
                        body.getDocumentId(), body.getTitle(), body.getAmount(), body.getBody(),
                        WorkflowMapper.order(body.getOrder(), body.getQuoteId()))))
                .map(row -> ResponseEntity.created(URI.create("/api/v1/workflow/requests/" + row.id()))
                        .eTag(ETags.of(row.version()))
                        .body(WorkflowMapper.toApi(row)));
    }

    @Override
    public Mono<ResponseEntity<ApprovalRequest>> getApprovalRequest(UUID requestId, ServerWebExchange exchange) {
        return Callers.of(exchange).flatMap(caller -> approvals.find(caller, requestId))
                .map(WorkflowController::answer);
    }

    @Override
    public Mono<ResponseEntity<ApprovalRequest>> approveApprovalRequest(UUID requestId, String ifMatch,
                                                                        ServerWebExchange exchange) {
        return Callers.of(exchange).flatMap(caller -> approvals.approve(caller, requestId, ifMatch))
                .map(WorkflowController::answer);
    }

    @Override
    public Mono<ResponseEntity<ApprovalRequest>> rejectApprovalRequest(UUID requestId,
                                                                       Mono<ApprovalReason> approvalReason,
                                                                       String ifMatch, ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> approvalReason.flatMap(body -> approvals.reject(caller, requestId, ifMatch,
                        body.getReason())))
                .map(WorkflowController::answer);
    }

    @Override
    public Mono<ResponseEntity<ApprovalRequest>> sendBackApprovalRequest(UUID requestId,
                                                                         Mono<ApprovalSendBack> approvalSendBack,
                                                                         String ifMatch, ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> approvalSendBack.flatMap(body -> approvals.sendBack(caller, requestId, ifMatch,
                        body.getReason(), body.getToStep())))
                .map(WorkflowController::answer);
    }

    @Override
    public Mono<ResponseEntity<ApprovalRequest>> resubmitApprovalRequest(UUID requestId, String ifMatch,
                                                                         ServerWebExchange exchange) {
        return Callers.of(exchange).flatMap(caller -> approvals.resubmit(caller, requestId, ifMatch))
                .map(WorkflowController::answer);
    }

    @Override
    public Mono<ResponseEntity<ApprovalRequest>> withdrawApprovalRequest(UUID requestId, String ifMatch,
                                                                         ServerWebExchange exchange) {
        return Callers.of(exchange).flatMap(caller -> approvals.withdraw(caller, requestId, ifMatch))
                .map(WorkflowController::answer);
    }

    @Override
    public Mono<ResponseEntity<ApprovalRequestPage>> getWorkflowInbox(String cursor, Integer limit,
                                                                      ServerWebExchange exchange) {
        PageCursor after = PageCursor.decode(cursor);
        return Callers.of(exchange)
                .flatMap(caller -> approvals.inbox(caller, after, Pages.fetchSize(limit)).collectList())
                .map(rows -> Pages.of(rows, limit, row -> new PageCursor(row.createdAt(), row.id())))
                .map(page -> ResponseEntity.ok(new ApprovalRequestPage(
                        page.items().stream().map(WorkflowMapper::toApi).toList(), page.info())));
    }

    private static ResponseEntity<ApprovalRequest> answer(ApprovalRequestRow row) {
        return ResponseEntity.ok().eTag(ETags.of(row.version())).body(WorkflowMapper.toApi(row));
    }
}
