package jp.btob.platform.workflow;

import java.util.UUID;

import jp.btob.platform.api.model.ApprovalSubject;
import jp.btob.platform.order.PlacementGuard;
import jp.btob.platform.system.problem.ApprovalRequiredException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Refuses the direct placement of an order an {@code order-placement} route of the buyer covers:
 * such an order is filed as a request carrying it, and placed when the request is approved.
 */
@Component
class OrderPlacementGuard implements PlacementGuard {

    private final WorkflowRouteRepository routes;

    OrderPlacementGuard(WorkflowRouteRepository routes) {
        this.routes = routes;
    }

    @Override
    public Mono<Void> cleared(UUID buyerId, long total) {
        return routes.matching(buyerId, ApprovalSubject.ORDER_PLACEMENT, total)
                .flatMap(route -> Mono.error(new ApprovalRequiredException("Your company's approval route for orders"
                        + " of " + total + " yen applies: file an order-placement request carrying this order (POST"
                        + " /api/v1/workflow/requests with subject order-placement and the order as order, or the"
                        + " quote as quoteId); the order is placed when the request is APPROVED.")));
    }
}
