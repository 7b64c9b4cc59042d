package jp.btob.platform.order;

import java.util.UUID;

import jp.btob.platform.permission.Caller;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The order side of an order placed on approval (SVC-WF): the draft is checked when filed
 * exactly as placing it checks it, and placed once its approval route completes.
 */
@Component
public class OrderPlacements {

    private final OrderService orders;

    OrderPlacements(OrderService orders) {
        this.orders = orders;
    }

    /** The total of the order the draft places, or the problem placing it would answer; nothing is written. */
    public Mono<Long> total(Caller caller, OrderDraft draft) {
        return orders.prepared(caller, draft).map(OrderService::total);
    }

    /** Places the approved order for its applicant, past the approval guard; answers the order's ID. */
    public Mono<UUID> placeApproved(Caller applicant, OrderDraft draft) {
        return orders.placed(applicant, draft, false).map(OrderRow::id);
    }
}
