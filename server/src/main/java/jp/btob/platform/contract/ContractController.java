package jp.btob.platform.contract;

import java.net.URI;
import java.util.UUID;

import jp.btob.platform.api.ContractsApi;
import jp.btob.platform.api.model.Contract;
import jp.btob.platform.api.model.ContractAgreementRequest;
import jp.btob.platform.api.model.ContractContent;
import jp.btob.platform.api.model.ContractCreate;
import jp.btob.platform.api.model.ContractPage;
import jp.btob.platform.api.model.ContractReason;
import jp.btob.platform.api.model.ContractRevision;
import jp.btob.platform.api.model.ContractStatus;
import jp.btob.platform.api.model.ContractVerification;
import jp.btob.platform.permission.Callers;
import jp.btob.platform.system.ETags;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.paging.Pages;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class ContractController implements ContractsApi {

    /** The largest page of contracts, as the spec's {@code limit} allows. */
    private static final int MAX_LIMIT = 200;

    private final ContractService contracts;

    ContractController(ContractService contracts) {
        this.contracts = contracts;
    }

    @Override
    public Mono<ResponseEntity<ContractPage>> listContracts(ContractStatus status, UUID partnerId,
                                                            Integer expiringWithinDays, String cursor, Integer limit,
                                                            ServerWebExchange exchange) {
        PageCursor after = PageCursor.decode(cursor);
        return Callers.of(exchange)
                .flatMap(caller -> contracts.list(caller, status, partnerId, expiringWithinDays, after,
                        Pages.fetchSize(limit, MAX_LIMIT)).collectList())
                .map(views -> Pages.of(views, limit, MAX_LIMIT,
                        view -> new PageCursor(view.contract().createdAt(), view.contract().id())))
                .map(page -> ResponseEntity.ok(new ContractPage(
                        page.items().stream().map(ContractMapper::toApi).toList(), page.info())));
    }

    @Override
    public Mono<ResponseEntity<Contract>> createContract(Mono<ContractCreate> contractCreate, String idempotencyKey,
                                                         ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> contractCreate.flatMap(body -> contracts.create(caller, body.getCounterpartyId(),
                        body.getDrafterSide(), ContractMapper.terms(body))))
                .map(view -> ResponseEntity.created(URI.create("/api/v1/contracts/" + view.contract().id()))
                        .eTag(ETags.of(view.contract().version()))
                        .body(ContractMapper.toApi(view)));
    }

    @Override
    public Mono<ResponseEntity<Contract>> getContract(UUID contractId, ServerWebExchange exchange) {
        return Callers.of(exchange).flatMap(caller -> contracts.get(caller, contractId))
                .map(ContractController::answer);
    }

    @Override
    public Mono<ResponseEntity<Contract>> reviseContract(UUID contractId, Mono<ContractContent> contractContent,
                                                         String ifMatch, ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> contractContent.flatMap(body -> contracts.revise(caller, contractId, ifMatch,
                        ContractMapper.terms(body))))
                .map(ContractController::answer);
    }

    @Override
    public Mono<ResponseEntity<Contract>> sendContract(UUID contractId, String ifMatch, ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> contracts.apply(caller, contractId, ifMatch, ContractAction.SEND, null))
                .map(ContractController::answer);
    }

    @Override
    public Mono<ResponseEntity<Contract>> requestContractChanges(UUID contractId, Mono<ContractReason> contractReason,
                                                                 String ifMatch, ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> contractReason.flatMap(body -> contracts.apply(caller, contractId, ifMatch,
                        ContractAction.REQUEST_CHANGES, body.getReason())))
                .map(ContractController::answer);
    }

    @Override
    public Mono<ResponseEntity<Contract>> agreeContract(UUID contractId,
                                                        Mono<ContractAgreementRequest> contractAgreementRequest,
                                                        String ifMatch, ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> contractAgreementRequest.flatMap(body -> contracts.agree(caller, contractId, ifMatch,
                        body.getRevision())))
                .map(ContractController::answer);
    }

    @Override
    public Mono<ResponseEntity<Contract>> cancelContract(UUID contractId, Mono<ContractReason> contractReason,
                                                         String ifMatch, ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> contractReason.flatMap(body -> contracts.apply(caller, contractId, ifMatch,
                        ContractAction.CANCEL, body.getReason())))
                .map(ContractController::answer);
    }

    @Override
    public Mono<ResponseEntity<ContractRevision>> getContractRevision(UUID contractId, Integer revision,
                                                                      ServerWebExchange exchange) {
        return Callers.of(exchange).flatMap(caller -> contracts.revision(caller, contractId, revision))
                .map(found -> ResponseEntity.ok(ContractMapper.toApi(found)));
    }

    @Override
    public Mono<ResponseEntity<ContractVerification>> verifyContract(UUID contractId, ServerWebExchange exchange) {
        return Callers.of(exchange).flatMap(caller -> contracts.verify(caller, contractId))
                .map(verification -> ResponseEntity.ok(ContractMapper.toApi(verification)));
    }

    private static ResponseEntity<Contract> answer(ContractView view) {
        return ResponseEntity.ok().eTag(ETags.of(view.contract().version())).body(ContractMapper.toApi(view));
    }
}
