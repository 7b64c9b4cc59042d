package jp.btob.platform.workflow;

import java.util.UUID;

import jp.btob.platform.api.model.ApprovalSubject;
import jp.btob.platform.invoice.ApprovalGuard;
import jp.btob.platform.system.problem.ApprovalRequiredException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Holds the buyer's approval of an invoice while an {@code invoice-approval} route of the buyer
 * covers its total and no request for the invoice is approved.
 */
@Component
class InvoiceApprovalGuard implements ApprovalGuard {

    private final WorkflowRouteRepository routes;

    private final ApprovalRequestRepository requests;

    InvoiceApprovalGuard(WorkflowRouteRepository routes, ApprovalRequestRepository requests) {
        this.routes = routes;
        this.requests = requests;
    }

    @Override
    public Mono<Void> cleared(UUID buyerId, UUID invoiceId, long total) {
        return routes.matching(buyerId, ApprovalSubject.INVOICE_APPROVAL, total)
                .flatMap(route -> requests.approved(buyerId, invoiceId))
                .flatMap(approved -> approved ? Mono.<Void>empty() : Mono.error(new ApprovalRequiredException(
                        "Your company's approval route for invoices of " + total + " yen applies: file an"
                                + " invoice-approval request for this invoice (POST /api/v1/workflow/requests) and"
                                + " approve the invoice once the request is APPROVED.")));
    }
}
