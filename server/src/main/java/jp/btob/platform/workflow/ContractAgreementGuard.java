package jp.btob.platform.workflow;

import java.util.UUID;

import jp.btob.platform.api.model.ApprovalSubject;
import jp.btob.platform.contract.AgreementGuard;
import jp.btob.platform.system.problem.ApprovalRequiredException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Holds a party's agreement to a contract while a {@code contract-agreement} route of the party
 * covers the revision's amount and no request for that revision is approved: an approval of an
 * earlier wording does not approve the current one.
 */
@Component
class ContractAgreementGuard implements AgreementGuard {

    private final WorkflowRouteRepository routes;

    private final ApprovalRequestRepository requests;

    ContractAgreementGuard(WorkflowRouteRepository routes, ApprovalRequestRepository requests) {
        this.routes = routes;
        this.requests = requests;
    }

    @Override
    public Mono<Void> cleared(UUID companyId, UUID contractId, int revision, long amount) {
        return routes.matching(companyId, ApprovalSubject.CONTRACT_AGREEMENT, amount)
                .flatMap(route -> requests.approved(companyId, contractId, revision))
                .flatMap(approved -> approved ? Mono.<Void>empty() : Mono.error(new ApprovalRequiredException(
                        "Your company's approval route for contracts of " + amount + " yen applies: file a"
                                + " contract-agreement request for this contract (POST /api/v1/workflow/requests)"
                                + " and agree to revision " + revision + " once the request is APPROVED.")));
    }
}
