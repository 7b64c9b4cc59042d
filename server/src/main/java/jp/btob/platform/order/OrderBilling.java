package jp.btob.platform.order;

import java.util.List;
import java.util.UUID;

import jp.btob.platform.permission.Caller;
import jp.btob.platform.system.problem.UnprocessableException;
import jp.btob.platform.system.problem.WrongPartyException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The order side of invoicing an order: only its seller invoices it, and only what was accepted
 * and not returned. That a line is invoiced once is the invoice's concern.
 */
@Component
public class OrderBilling {

    private final OrderService orders;

    OrderBilling(OrderService orders) {
        this.orders = orders;
    }

    /** The billable lines of the order, or the problem why the caller cannot invoice it (404 when it cannot see it). */
    public Mono<BillableOrder> billable(Caller caller, UUID orderId) {
        return orders.find(caller, orderId).flatMap(order -> {
            if (order.sideOf(caller.companyId()) != OrderAction.Side.SELLER) {
                return Mono.error(new WrongPartyException("Only the seller may invoice an order."));
            }
            List<BillableOrder.Line> lines = order.lines().stream().filter(line -> line.billable().signum() > 0)
                    .map(line -> new BillableOrder.Line(line.number(), line.agreedItem().withQuantity(line.billable())))
                    .toList();
            if (lines.isEmpty()) {
                return Mono.error(new UnprocessableException("The order has nothing accepted and not returned to"
                        + " invoice."));
            }
            return Mono.just(new BillableOrder(order.id(), order.seller().id(), order.buyer().id(),
                    order.lastInspectionDate(), lines));
        });
    }
}
