package jp.btob.platform.order;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jp.btob.platform.permission.Caller;
import jp.btob.platform.system.problem.UnprocessableException;
import jp.btob.platform.system.problem.WrongPartyException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The order side of invoicing an order: only its seller invoices it, and only what was accepted
 * and not returned. That a line is invoiced once is the invoice's concern.
 */
@Component
public class OrderBilling {

    private final OrderService orders;

    private final OrderRepository repository;

    OrderBilling(OrderService orders, OrderRepository repository) {
        this.orders = orders;
        this.repository = repository;
    }

    /** The billable lines of the order, or the problem why the caller cannot invoice it (404 when it cannot see it). */
    public Mono<BillableOrder> billable(Caller caller, UUID orderId) {
        return orders.find(caller, orderId).flatMap(order -> {
            if (order.sideOf(caller.companyId()) != OrderAction.Side.SELLER) {
                return Mono.error(new WrongPartyException("Only the seller may invoice an order."));
            }
            BillableOrder billable = billable(order);
            if (billable.lines().isEmpty()) {
                return Mono.error(new UnprocessableException("The order has nothing accepted and not returned to"
                        + " invoice."));
            }
            return Mono.just(billable);
        });
    }

    /**
     * What the caller's company sold the buyer and may bill for the days, inclusive: the orders
     * last inspected within them with a line not invoiced yet and anything billable, in the order
     * of their inspections; at most {@code limit} orders.
     */
    public Flux<BillableOrder> lastInspected(Caller caller, UUID buyerId, LocalDate from, LocalDate to, int limit) {
        return repository.lastInspected(caller.companyId(), buyerId, from, to, limit)
                .map(OrderBilling::billable)
                .filter(order -> !order.lines().isEmpty());
    }

    private static BillableOrder billable(OrderRow order) {
        List<BillableOrder.Line> lines = order.lines().stream().filter(line -> line.billable().signum() > 0)
                .map(line -> new BillableOrder.Line(line.number(), line.agreedItem().withQuantity(line.billable())))
                .toList();
        return new BillableOrder(order.id(), order.seller().id(), order.buyer().id(), order.lastInspectionDate(),
                lines);
    }
}
