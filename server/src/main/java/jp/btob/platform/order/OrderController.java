package jp.btob.platform.order;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jp.btob.platform.api.OrdersApi;
import jp.btob.platform.api.model.Order;
import jp.btob.platform.api.model.OrderConfirmation;
import jp.btob.platform.api.model.OrderCreate;
import jp.btob.platform.api.model.OrderInspection;
import jp.btob.platform.api.model.OrderPage;
import jp.btob.platform.api.model.OrderReason;
import jp.btob.platform.api.model.OrderReturn;
import jp.btob.platform.api.model.OrderShipment;
import jp.btob.platform.api.model.OrderStatus;
import jp.btob.platform.permission.Callers;
import jp.btob.platform.system.ETags;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.system.paging.Pages;
import jp.btob.platform.trade.TradeFilter;
import jp.btob.platform.trade.TradeModels;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class OrderController implements OrdersApi {

    /** The largest page of orders, as the spec's {@code limit} allows. */
    private static final int MAX_LIMIT = 200;

    private final OrderService orders;

    OrderController(OrderService orders) {
        this.orders = orders;
    }

    @Override
    public Mono<ResponseEntity<OrderPage>> listOrders(String role, OrderStatus status, UUID partnerId,
                                                      LocalDate orderedFrom, LocalDate orderedTo, Long minTotal,
                                                      Long maxTotal, String cursor, Integer limit,
                                                      ServerWebExchange exchange) {
        PageCursor after = PageCursor.decode(cursor);
        TradeFilter filter = new TradeFilter(role, status == null ? null : status.getValue(), partnerId, orderedFrom,
                orderedTo, minTotal, maxTotal);
        return Callers.of(exchange)
                .flatMap(caller -> orders.list(caller, filter, after, Pages.fetchSize(limit, MAX_LIMIT)).collectList())
                .map(rows -> Pages.of(rows, limit, MAX_LIMIT, row -> new PageCursor(row.createdAt(), row.id())))
                .map(page -> ResponseEntity.ok(new OrderPage(
                        page.items().stream().map(OrderMapper::toApi).toList(), page.info())));
    }

    @Override
    public Mono<ResponseEntity<Order>> placeOrder(Mono<OrderCreate> orderCreate, String idempotencyKey,
                                                  ServerWebExchange exchange) {
        return Callers.of(exchange)
                .flatMap(caller -> orderCreate.flatMap(body -> orders.place(caller, body.getSellerId(), body.getTitle(),
                        body.getNotes(), TradeModels.lines(body.getLines()))))
                .map(OrderController::created);
    }

    @Override
    public Mono<ResponseEntity<Order>> orderFromQuote(UUID quoteId, String idempotencyKey, ServerWebExchange exchange) {
        return Callers.of(exchange).flatMap(caller -> orders.placeFromQuote(caller, quoteId)).map(OrderController::created);
    }

    @Override
    public Mono<ResponseEntity<Order>> getOrder(UUID orderId, ServerWebExchange exchange) {
        return Callers.of(exchange).flatMap(caller -> orders.find(caller, orderId)).map(OrderController::answer);
    }

    @Override
    public Mono<ResponseEntity<Order>> confirmOrder(UUID orderId, Mono<OrderConfirmation> orderConfirmation,
                                                    String ifMatch, ServerWebExchange exchange) {
        return act(exchange, orderId, ifMatch, OrderAction.CONFIRM,
                orderConfirmation.map(body -> new Step(OrderMapper.changes(body.getLines()), null, null)));
    }

    @Override
    public Mono<ResponseEntity<Order>> rejectOrder(UUID orderId, Mono<OrderReason> orderReason, String ifMatch,
                                                   ServerWebExchange exchange) {
        return act(exchange, orderId, ifMatch, OrderAction.REJECT,
                orderReason.map(body -> new Step(List.of(), body.getReason(), null)));
    }

    @Override
    public Mono<ResponseEntity<Order>> cancelOrder(UUID orderId, Mono<OrderReason> orderReason, String ifMatch,
                                                   ServerWebExchange exchange) {
        return act(exchange, orderId, ifMatch, OrderAction.CANCEL,
                orderReason.map(body -> new Step(List.of(), body.getReason(), null)));
    }

    @Override
    public Mono<ResponseEntity<Order>> shipOrder(UUID orderId, Mono<OrderShipment> orderShipment, String ifMatch,
                                                 ServerWebExchange exchange) {
        return act(exchange, orderId, ifMatch, OrderAction.SHIP,
                orderShipment.map(body -> new Step(OrderMapper.changes(body.getLines()), null, null)));
    }

    @Override
    public Mono<ResponseEntity<Order>> inspectOrder(UUID orderId, Mono<OrderInspection> orderInspection, String ifMatch,
                                                    ServerWebExchange exchange) {
        return act(exchange, orderId, ifMatch, OrderAction.INSPECT, orderInspection.map(body ->
                new Step(OrderMapper.inspected(body.getLines()), null, body.getInspectionDate())));
    }

    @Override
    public Mono<ResponseEntity<Order>> returnOrder(UUID orderId, Mono<OrderReturn> orderReturn, String ifMatch,
                                                   ServerWebExchange exchange) {
        return act(exchange, orderId, ifMatch, OrderAction.RETURN,
                orderReturn.map(body -> new Step(OrderMapper.changes(body.getLines()), body.getReason(), null)));
    }

    private Mono<ResponseEntity<Order>> act(ServerWebExchange exchange, UUID orderId, String ifMatch,
                                            OrderAction action, Mono<Step> body) {
        return Callers.of(exchange)
                .flatMap(caller -> body.flatMap(step -> orders.apply(caller, orderId, ifMatch, action, step.changes(),
                        step.note(), step.inspectionDate())))
                .map(OrderController::answer);
    }

    private static ResponseEntity<Order> created(OrderRow row) {
        return ResponseEntity.created(URI.create("/api/v1/orders/" + row.id()))
                .eTag(ETags.of(row.version()))
                .body(OrderMapper.toApi(row));
    }

    private static ResponseEntity<Order> answer(OrderRow row) {
        return ResponseEntity.ok().eTag(ETags.of(row.version())).body(OrderMapper.toApi(row));
    }

    /** What a request body gives an action: quantities per line, a reason, an inspection date. */
    private record Step(List<LineChange> changes, String note, LocalDate inspectionDate) {
    }
}
