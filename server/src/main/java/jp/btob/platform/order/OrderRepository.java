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
        spec = nullable(spec, "quote", order.quoteId(), UUID.class);
        spec = nullable(spec, "notes", order.notes(), String.class);
        spec = nullable(spec, "createdBy", createdBy, UUID.class);
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
        spec = nullable(spec, "inspectionDate", inspectionDate, LocalDate.class);
        spec = nullable(spec, "note", note, String.class);
        return spec.fetch().rowsUpdated().map(rows -> rows == 1);
    }

    /** A page of the orders the company bought or sold, oldest first. */
    Flux<OrderRow> list(UUID companyId, OrderFilter filter, PageCursor after, int fetch) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(SELECT + """
                         WHERE (o.seller_id = :company OR o.buyer_id = :company)
                          AND (CAST(:role AS text) IS NULL
                               OR (:role = 'sent' AND o.buyer_id = :company) OR (:role = 'received' AND o.seller_id = :company))
                          AND (CAST(:status AS text) IS NULL OR o.status = :status)
                          AND (CAST(:partner AS uuid) IS NULL OR o.seller_id = :partner OR o.buyer_id = :partner)
                          AND (CAST(:from AS date) IS NULL OR o.order_date >= :from)
                          AND (CAST(:to AS date) IS NULL OR o.order_date <= :to)
                          AND (CAST(:minTotal AS bigint) IS NULL OR o.total_amount >= :minTotal)
                          AND (CAST(:maxTotal AS bigint) IS NULL OR o.total_amount <= :maxTotal)
                          AND (CAST(:afterAt AS timestamptz) IS NULL OR (o.created_at, o.id) > (:afterAt, :afterId))
                        ORDER BY o.created_at, o.id
                        LIMIT :limit
                        """)
                .bind("company", companyId)
                .bind("limit", fetch);
        spec = nullable(spec, "role", filter.role(), String.class);
        spec = nullable(spec, "status", filter.status() == null ? null : filter.status().getValue(), String.class);
        spec = nullable(spec, "partner", filter.partnerId(), UUID.class);
        spec = nullable(spec, "from", filter.orderedFrom(), LocalDate.class);
        spec = nullable(spec, "to", filter.orderedTo(), LocalDate.class);
        spec = nullable(spec, "minTotal", filter.minTotal(), Long.class);
        spec = nullable(spec, "maxTotal", filter.maxTotal(), Long.class);
        spec = nullable(spec, "afterAt", after == null ? null : after.at(), Instant.class);
        spec = nullable(spec, "afterId", after == null ? null : after.id(), UUID.class);
        return spec.map((row, meta) -> map(row)).all();
    }

    private static <T> DatabaseClient.GenericExecuteSpec nullable(DatabaseClient.GenericExecuteSpec spec, String name,
                                                                  T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
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
