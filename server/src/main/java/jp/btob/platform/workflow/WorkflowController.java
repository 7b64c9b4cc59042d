package jp.btob.platform.workflow;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jp.btob.platform.api.WorkflowApi;
import jp.btob.platform.api.model.ApprovalReason;
import jp.btob.platform.api.model.ApprovalRequest;
import jp.btob.platform.api.model.ApprovalRequestCreate;
import jp.btob.platform.api.model.ApprovalRequestPage;
import jp.btob.platform.api.model.ApprovalSendBack;
import jp.btob.platform.api.model.ApprovalStatus;
import jp.btob.platform.api.model.ApprovalSubject;
import jp.btob.platform.api.model.WorkflowDelegation;
import jp.btob.platform.api.model.WorkflowDelegationCreate;
import jp.btob.platform.api.model.WorkflowDelegationPage;
import jp.btob.platform.api.model.WorkflowRoute;
import jp.btob.platform.api.model.WorkflowRouteCreate;
import jp.btob.platform.api.model.WorkflowRoutePage;
import jp.btob.platform.permission.Callers;
import jp.btob.platform.system.ETags;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.paging.Pages;
import jp.btob.platform.system.problem.InvalidParameterException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class WorkflowController implements WorkflowApi {

    /** The largest page of one's own requests, as the spec allows. */
    private static final int MY_REQUESTS_MAX = 200;

    private final WorkflowRouteService routes;

    private final ApprovalService approvals;

    private final DelegationService delegations;

    private final Clock clock;

    WorkflowController(WorkflowRouteService routes, ApprovalService approvals, DelegationService delegations,
                       Clock clock) {
        this.routes = routes;
        this.approvals = approvals;
        this.delegations = delegations;
        this.clock = clock;
    }

    @Override
    public Mono<ResponseEntity<WorkflowRoutePage>> listWorkflowRoutes(String subject, Boolean includeRetired,
                                                                      String cursor, Integer limit,
                                                                      ServerWebExchange exchange) {
        ApprovalSubject only = WorkflowMapper.subject(subject);
        PageCursor after = PageCursor.decode(cursor);
        return Callers.of(exchange)
                .flatMap(caller -> routes.list(caller, only, Boolean.TRUE.equals(includeRetired), after,
                        Pages.fetchSize(limit)).collectList())
                .map(rows -> Pages.of(rows, limit, row -> new PageCursor(row.createdAt(), row.id())))
                .map(page -> ResponseEntity.ok(new WorkflowRoutePage(
                        page.items().stream().map(WorkflowMapper::toApi).toList(), page.info())));
    }

    @Override
    public Mono<ResponseEntity<WorkflowRoute>> createWorkflowRoute(Mono<WorkflowRouteCreate> workflowRouteCreate,
                                                                   String idempotencyKey, ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> workflowRouteCreate.flatMap(body -> routes.create(caller,
                        WorkflowMapper.definition(body))))
                .map(row -> ResponseEntity.created(URI.create("/api/v1/workflow/routes/" + row.id()))
                        .eTag(ETags.of(row.version()))
                        .body(WorkflowMapper.toApi(row)));
    }

    @Override
    public Mono<ResponseEntity<WorkflowRoute>> getWorkflowRoute(UUID routeId, ServerWebExchange exchange) {
        return Callers.of(exchange).flatMap(caller -> routes.find(caller, routeId))
                .map(WorkflowController::answer);
    }

    @Override
    public Mono<ResponseEntity<WorkflowRoute>> updateWorkflowRoute(UUID routeId,
                                                                   Mono<WorkflowRouteCreate> workflowRouteCreate,
                                                                   String ifMatch, ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> workflowRouteCreate.flatMap(body -> routes.update(caller, routeId, ifMatch,
                        WorkflowMapper.definition(body))))
                .map(WorkflowController::answer);
    }

    @Override
    public Mono<ResponseEntity<WorkflowRoute>> retireWorkflowRoute(UUID routeId, String ifMatch,
                                                                   ServerWebExchange exchange) {
        return Callers.of(exchange).flatMap(caller -> routes.retire(caller, routeId, ifMatch))
                .map(WorkflowController::answer);
    }

    @Override
    public Mono<ResponseEntity<ApprovalRequestPage>> listMyApprovalRequests(ApprovalStatus status, String subject,
                                                                            String cursor, Integer limit,
                                                                            ServerWebExchange exchange) {
        ApprovalSubject only = WorkflowMapper.subject(subject);
        PageCursor after = PageCursor.decode(cursor);
        return Callers.of(exchange)
                .flatMap(caller -> approvals.filed(caller, status, only, after,
                        Pages.fetchSize(limit, MY_REQUESTS_MAX)).collectList())
                .map(rows -> page(rows, limit, MY_REQUESTS_MAX));
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
                                                                        UUID onBehalfOf,
                                                                        ServerWebExchange exchange) {
        return Callers.of(exchange).flatMap(caller -> approvals.approve(caller, requestId, ifMatch, onBehalfOf))
                .map(WorkflowController::answer);
    }

    @Override
    public Mono<ResponseEntity<ApprovalRequest>> rejectApprovalRequest(UUID requestId,
                                                                       Mono<ApprovalReason> approvalReason,
                                                                       String ifMatch, UUID onBehalfOf,
                                                                       ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> approvalReason.flatMap(body -> approvals.reject(caller, requestId, ifMatch,
                        onBehalfOf, body.getReason())))
                .map(WorkflowController::answer);
    }

    @Override
    public Mono<ResponseEntity<ApprovalRequest>> sendBackApprovalRequest(UUID requestId,
                                                                         Mono<ApprovalSendBack> approvalSendBack,
                                                                         String ifMatch, UUID onBehalfOf,
                                                                         ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> approvalSendBack.flatMap(body -> approvals.sendBack(caller, requestId, ifMatch,
                        onBehalfOf, body.getReason(), body.getToStep())))
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
                .map(rows -> page(rows, limit, Pages.MAX_LIMIT));
    }

    @Override
    public Mono<ResponseEntity<WorkflowDelegation>> createWorkflowDelegation(
            Mono<WorkflowDelegationCreate> workflowDelegationCreate, String idempotencyKey,
            ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> workflowDelegationCreate.flatMap(body -> delegations.create(caller,
                        body.getDelegateId(), body.getFrom() == null ? null : body.getFrom().toInstant(),
                        body.getUntil().toInstant(), body.getNote())))
                .map(row -> ResponseEntity.created(URI.create("/api/v1/workflow/delegations/" + row.id()))
                        .body(WorkflowMapper.toApi(row, Times.now(clock))));
    }

    @Override
    public Mono<ResponseEntity<WorkflowDelegationPage>> listWorkflowDelegations(String direction, String cursor,
                                                                               Integer limit,
                                                                               ServerWebExchange exchange) {
        if (direction != null && !"given".equals(direction) && !"received".equals(direction)) {
            return Mono.error(new InvalidParameterException("direction", "is not given or received"));
        }
        PageCursor after = PageCursor.decode(cursor);
        return Callers.of(exchange)
                .flatMap(caller -> delegations.list(caller, direction, after, Pages.fetchSize(limit)).collectList())
                .map(rows -> Pages.of(rows, limit, row -> new PageCursor(row.createdAt(), row.id())))
                .map(page -> ResponseEntity.ok(new WorkflowDelegationPage(page.items().stream()
                        .map(row -> WorkflowMapper.toApi(row, Times.now(clock))).toList(), page.info())));
    }

    @Override
    public Mono<ResponseEntity<WorkflowDelegation>> revokeWorkflowDelegation(UUID delegationId,
                                                                             ServerWebExchange exchange) {
        return Callers.of(exchange).flatMap(caller -> delegations.revoke(caller, delegationId))
                .map(row -> ResponseEntity.ok(WorkflowMapper.toApi(row, Times.now(clock))));
    }

    private static ResponseEntity<ApprovalRequestPage> page(List<ApprovalRequestRow> rows, int limit, int max) {
        Pages.Page<ApprovalRequestRow> page = Pages.of(rows, limit, max, row -> new PageCursor(row.createdAt(),
                row.id()));
        return ResponseEntity.ok(new ApprovalRequestPage(page.items().stream().map(WorkflowMapper::toApi).toList(),
                page.info()));
    }

    private static ResponseEntity<ApprovalRequest> answer(ApprovalRequestRow row) {
        return ResponseEntity.ok().eTag(ETags.of(row.version())).body(WorkflowMapper.toApi(row));
    }

    private static ResponseEntity<WorkflowRoute> answer(WorkflowRouteRow row) {
        return ResponseEntity.ok().eTag(ETags.of(row.version())).body(WorkflowMapper.toApi(row));
    }
}
