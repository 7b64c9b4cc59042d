package jp.btob.platform.order;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import jp.btob.platform.api.model.OrderStatus;
import jp.btob.platform.company.CompanyRepository.CompanyRef;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.tax.TaxRounding;
import jp.btob.platform.trade.TradeFilter;
import jp.btob.platform.trade.TradeList;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Orders. Every change is one statement that re-checks the state and the version it starts from. */
@Repository
class OrderRepository {

    private static final String SELECT = """
            SELECT o.*, s.code AS seller_code, s.name AS seller_name, b.code AS buyer_code, b.name AS buyer_name
            FROM purchase_order o
            JOIN company s ON s.id = o.seller_id
            JOIN company b ON b.id = o.buyer_id
            """;

    /** An order is sent by its buyer and received by its seller; lists filter on its order date. */
    private static final TradeList LIST = new TradeList("o", "buyer_id", "seller_id", "order_date");

    private final DatabaseClient db;

    OrderRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Inserts a placed order; PostgreSQL draws the ID, so that no random source is read on the
     * event loop. A second order of the same quote fails on the unique index.
     */
    Mono<UUID> insert(NewOrder order, List<OrderLine> lines, long total, LocalDate orderDate, UUID createdBy,
                      Instant now) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO purchase_order (id, seller_id, buyer_id, quote_id, status, version, title, order_date,
                                                    notes, lines, rounding, total_amount, created_by, created_at, updated_at)
                        VALUES (gen_random_uuid(), :seller, :buyer, :quote, 'PLACED', 1, :title, :orderDate, :notes,
                                CAST(:lines AS jsonb), :rounding, :total, :createdBy, :now, :now)
                        RETURNING id
                        """)
                .bind("seller", order.sellerId())
                .bind("buyer", order.buyerId())
                .bind("title", order.title())
                .bind("orderDate", orderDate)
                .bind("lines", OrderLines.json(lines))
                .bind("rounding", order.rounding().value())
                .bind("total", total)
                .bind("now", now);
        spec = TradeList.nullable(spec, "quote", order.quoteId(), UUID.class);
        spec = TradeList.nullable(spec, "notes", order.notes(), String.class);
        spec = TradeList.nullable(spec, "createdBy", createdBy, UUID.class);
        return spec.map((row, meta) -> row.get("id", UUID.class)).one();
    }

    Mono<OrderRow> find(UUID id) {
        return db.sql(SELECT + " WHERE o.id = :id").bind("id", id).map((row, meta) -> map(row)).one();
    }

    /**
     * Applies an action in one statement, only if the order is still at the version the caller
     * read and in a state the action starts from: of two concurrent changes, exactly one wins.
     */
    Mono<Boolean> apply(UUID id, int version, OrderAction action, OrderStatus to, List<OrderLine> lines, long total,
                        String note, LocalDate inspectionDate, Instant now) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        UPDATE purchase_order SET
                            status = :to,
                            version = version + 1,
                            lines = CAST(:lines AS jsonb),
                            total_amount = :total,
                            last_inspection_date = COALESCE(:inspectionDate, last_inspection_date),
                            response_note = COALESCE(:note, response_note),
                            updated_at = :now
                        WHERE id = :id AND version = :version AND status IN (:from)
                        """)
                .bind("to", to.getValue())
                .bind("lines", OrderLines.json(lines))
                .bind("total", total)
                .bind("from", action.from().stream().map(OrderStatus::getValue).toList())
                .bind("id", id)
                .bind("version", version)
                .bind("now", now);
        spec = TradeList.nullable(spec, "inspectionDate", inspectionDate, LocalDate.class);
        spec = TradeList.nullable(spec, "note", note, String.class);
        return spec.fetch().rowsUpdated().map(rows -> rows == 1);
    }

    /** A page of the orders the company bought or sold, oldest first. */
    Flux<OrderRow> list(UUID companyId, TradeFilter filter, PageCursor after, int fetch) {
        return TradeList.bind(db.sql(SELECT + " WHERE (o.seller_id = :company OR o.buyer_id = :company)"
                        + LIST.conditions()), companyId, filter, after, fetch)
                .map((row, meta) -> map(row)).all();
    }

    /**
     * The orders the seller sold the buyer whose last inspection fell within the days, inclusive,
     * and that have a line no invoice bills yet, in the order of their inspections; at most
     * {@code limit}.
     */
    Flux<OrderRow> lastInspected(UUID sellerId, UUID buyerId, LocalDate from, LocalDate to, int limit) {
        return db.sql(SELECT + """
                         WHERE o.seller_id = :seller AND o.buyer_id = :buyer
                           AND o.last_inspection_date BETWEEN :from AND :to
                           AND (SELECT count(*) FROM invoiced_order_line l WHERE l.order_id = o.id)
                               < jsonb_array_length(o.lines)
                        ORDER BY o.last_inspection_date, o.created_at, o.id
                        LIMIT :limit
                        """)
                .bind("seller", sellerId)
                .bind("buyer", buyerId)
                .bind("from", from)
                .bind("to", to)
                .bind("limit", limit)
                .map((row, meta) -> map(row)).all();
    }

    private static OrderRow map(Readable row) {
        return new OrderRow(
                row.get("id", UUID.class),
                new CompanyRef(row.get("seller_id", UUID.class), row.get("seller_code", String.class),
                        row.get("seller_name", String.class)),
                new CompanyRef(row.get("buyer_id", UUID.class), row.get("buyer_code", String.class),
                        row.get("buyer_name", String.class)),
                row.get("quote_id", UUID.class),
                OrderStatus.fromValue(row.get("status", String.class)),
                row.get("version", Integer.class),
                row.get("title", String.class),
                row.get("order_date", LocalDate.class),
                row.get("notes", String.class),
                OrderLines.parse(row.get("lines", String.class)),
                TaxRounding.fromValue(row.get("rounding", String.class)),
                row.get("total_amount", Long.class),
                row.get("last_inspection_date", LocalDate.class),
                row.get("response_note", String.class),
                row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class));
    }
}
