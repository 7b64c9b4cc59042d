package jp.btob.platform.order;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jp.btob.platform.api.model.OrderStatus;
import jp.btob.platform.audit.AuditAction;

/**
 * The allowed transitions of an order, written once. Anything else is refused with the
 * invalid-transition problem naming the current state; an action of the other party with the
 * wrong-party problem.
 *
 * <pre>
 *   (place, buyer) --> PLACED --confirm (seller)--> CONFIRMED
 *                      PLACED --reject (seller)--> REJECTED
 *                      PLACED --cancel (buyer)--> CANCELLED
 *   CONFIRMED, PARTIALLY_SHIPPED --ship (seller)--> PARTIALLY_SHIPPED, or SHIPPED when every line is shipped in full
 *   PARTIALLY_SHIPPED, SHIPPED --inspect (buyer)--> the same, or INSPECTED when everything confirmed is inspected
 *   PARTIALLY_SHIPPED, SHIPPED, INSPECTED --return (buyer)--> the same
 * </pre>
 */
enum OrderAction {

    CONFIRM("confirm", EnumSet.of(OrderStatus.PLACED), Side.SELLER, AuditAction.ORDER_CONFIRM),
    REJECT("reject", EnumSet.of(OrderStatus.PLACED), Side.SELLER, AuditAction.ORDER_REJECT),
    CANCEL("cancel", EnumSet.of(OrderStatus.PLACED), Side.BUYER, AuditAction.ORDER_CANCEL),
    SHIP("ship", EnumSet.of(OrderStatus.CONFIRMED, OrderStatus.PARTIALLY_SHIPPED), Side.SELLER, AuditAction.ORDER_SHIP),
    INSPECT("inspect", EnumSet.of(OrderStatus.PARTIALLY_SHIPPED, OrderStatus.SHIPPED), Side.BUYER,
            AuditAction.ORDER_INSPECT),
    RETURN("return goods of", EnumSet.of(OrderStatus.PARTIALLY_SHIPPED, OrderStatus.SHIPPED, OrderStatus.INSPECTED),
            Side.BUYER, AuditAction.ORDER_RETURN);

    private final String verb;

    private final Set<OrderStatus> from;

    private final Side side;

    private final AuditAction audited;

    OrderAction(String verb, Set<OrderStatus> from, Side side, AuditAction audited) {
        this.verb = verb;
        this.from = from;
        this.side = side;
        this.audited = audited;
    }

    String verb() {
        return verb;
    }

    Set<OrderStatus> from() {
        return from;
    }

    Side side() {
        return side;
    }

    AuditAction audited() {
        return audited;
    }

    /** The lines after the action, by its quantity rule. */
    List<OrderLine> change(List<OrderLine> lines, List<LineChange> changes) {
        return switch (this) {
            case CONFIRM -> OrderLines.confirm(lines, changes);
            case SHIP -> OrderLines.ship(lines, changes);
            case INSPECT -> OrderLines.inspect(lines, changes);
            case RETURN -> OrderLines.giveBack(lines, changes);
            case REJECT, CANCEL -> lines;
        };
    }

    /** The state the action leads to from {@code current}, with the lines as they are after it. */
    OrderStatus to(OrderStatus current, List<OrderLine> after) {
        return switch (this) {
            case CONFIRM -> OrderStatus.CONFIRMED;
            case REJECT -> OrderStatus.REJECTED;
            case CANCEL -> OrderStatus.CANCELLED;
            case SHIP -> OrderLines.allShipped(after) ? OrderStatus.SHIPPED : OrderStatus.PARTIALLY_SHIPPED;
            case INSPECT -> OrderLines.allInspected(after) ? OrderStatus.INSPECTED : current;
            case RETURN -> current;
        };
    }

    /** Which party of the trade takes an action. */
    enum Side { SELLER, BUYER }
}
