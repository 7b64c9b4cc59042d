package jp.btob.platform.invoice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import jp.btob.platform.api.model.InvoiceStatus;
import jp.btob.platform.company.CompanyRepository.CompanyRef;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.tax.TaxRounding;
import jp.btob.platform.trade.TradeFilter;
import jp.btob.platform.trade.TradeLines;
import jp.btob.platform.trade.TradeList;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Invoices and the order lines they bill. Every change is one statement that re-checks the state
 * and the version it starts from.
 */
@Repository
class InvoiceRepository {

    private static final String SELECT = """
            SELECT i.*, s.code AS seller_code, s.name AS seller_name, b.code AS buyer_code, b.name AS buyer_name
            FROM invoice i
            JOIN company s ON s.id = i.seller_id
            JOIN company b ON b.id = i.buyer_id
            """;

    /** An invoice is sent by its seller and received by its buyer; lists filter on its issue date. */
    private static final TradeList LIST = new TradeList("i", "seller_id", "buyer_id", "issue_date");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final TypeReference<List<Map<String, Object>>> PAYMENTS = new TypeReference<>() {
    };

    private final DatabaseClient db;

    InvoiceRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Inserts an issued invoice with the names of both companies as they are now, numbered from a
     * sequence; PostgreSQL draws the ID, so that no random source is read on the event loop. A
     * second correction of one invoice fails on the unique index.
     */
    Mono<UUID> insert(NewInvoice invoice, String registrationNumber, TaxRounding rounding, long total,
                      LocalDate issueDate, LocalDate dueDate, UUID createdBy, Instant now) {
        LocalDate start = invoice.periodStart() == null ? issueDate : invoice.periodStart();
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO invoice (id, number, seller_id, buyer_id, order_id, corrects_id, status, version,
                                             issuer_name, registration_number, recipient_name, issue_date,
                                             period_start, period_end, due_date, notes, lines, rounding, total_amount,
                                             created_by, created_at, updated_at)
                        VALUES (gen_random_uuid(),
                                'INV-' || to_char(CAST(:issueDate AS date), 'YYYYMMDD') || '-'
                                    || lpad(CAST(nextval('invoice_number_seq') AS text), 6, '0'),
                                :seller, :buyer, :order, :corrects, 'ISSUED', 1,
                                (SELECT name FROM company WHERE id = :seller), :registrationNumber,
                                (SELECT name FROM company WHERE id = :buyer), :issueDate, :start, :end, :dueDate,
                                :notes, CAST(:lines AS jsonb), :rounding, :total, :createdBy, :now, :now)
                        RETURNING id
                        """)
                .bind("issueDate", issueDate)
                .bind("seller", invoice.sellerId())
                .bind("buyer", invoice.buyerId())
                .bind("registrationNumber", registrationNumber)
                .bind("start", start)
                .bind("end", invoice.periodEnd() == null ? start : invoice.periodEnd())
                .bind("dueDate", dueDate)
                .bind("lines", json(invoice.lines()))
                .bind("rounding", rounding.value())
                .bind("total", total)
                .bind("now", now);
        spec = TradeList.nullable(spec, "order", invoice.orderId(), UUID.class);
        spec = TradeList.nullable(spec, "corrects", invoice.correctsId(), UUID.class);
        spec = TradeList.nullable(spec, "notes", invoice.notes(), String.class);
        spec = TradeList.nullable(spec, "createdBy", createdBy, UUID.class);
        return spec.map((row, meta) -> row.get("id", UUID.class)).one();
    }

    /**
     * Marks the order lines the invoice's lines name as billed by it; a line already billed fails
     * on the primary key.
     */
    Mono<Void> bill(List<InvoiceLine> lines, UUID invoiceId) {
        List<InvoiceLine> billing = lines.stream().filter(line -> line.orderLine() != null).toList();
        if (billing.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                        INSERT INTO invoiced_order_line (order_id, line, invoice_id)
                        SELECT billed.order_id, billed.line, :invoice
                        FROM unnest(CAST(:orders AS uuid[]), CAST(:lines AS integer[])) AS billed (order_id, line)
                        """)
                .bind("orders", billing.stream().map(InvoiceLine::orderId).toArray(UUID[]::new))
                .bind("lines", billing.stream().map(InvoiceLine::orderLine).toArray(Integer[]::new))
                .bind("invoice", invoiceId)
                .then();
    }

    /** The lines of the orders that an invoice not cancelled bills. */
    Flux<BilledLine> billed(List<UUID> orderIds) {
        return db.sql("SELECT order_id, line FROM invoiced_order_line WHERE order_id = ANY(:orders)")
                .bind("orders", orderIds.toArray(UUID[]::new))
                .map((row, meta) -> new BilledLine(row.get("order_id", UUID.class), row.get("line", Integer.class)))
                .all();
    }

    /** Frees the order lines a cancelled invoice billed, so that they can be invoiced again. */
    Mono<Void> release(UUID invoiceId) {
        return db.sql("DELETE FROM invoiced_order_line WHERE invoice_id = :invoice").bind("invoice", invoiceId).then();
    }

    Mono<InvoiceRow> find(UUID id) {
        return db.sql(SELECT + " WHERE i.id = :id").bind("id", id).map((row, meta) -> map(row)).one();
    }

    /**
     * Applies an action in one statement, only if the invoice is still at the version the caller
     * read and in a state the action starts from: of two concurrent changes, exactly one wins.
     */
    Mono<Boolean> apply(UUID id, int version, InvoiceAction action, String note, Instant now) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        UPDATE invoice SET
                            status = :to,
                            version = version + 1,
                            response_note = COALESCE(:note, response_note),
                            updated_at = :now
                        WHERE id = :id AND version = :version AND status IN (:from)
                        """)
                .bind("to", action.to().getValue())
                .bind("from", action.from().stream().map(InvoiceStatus::getValue).toList())
                .bind("id", id)
                .bind("version", version)
                .bind("now", now);
        spec = TradeList.nullable(spec, "note", note, String.class);
        return spec.fetch().rowsUpdated().map(rows -> rows == 1);
    }

    /**
     * Adds a payment in one statement, only if the invoice is still at the version the caller read,
     * in a state that takes payments, and the payment does not take the sum over the total.
     */
    Mono<Boolean> pay(UUID id, int version, Payment payment, Instant now) {
        return db.sql("""
                        UPDATE invoice SET
                            payments = payments || CAST(:payment AS jsonb),
                            paid_amount = paid_amount + :amount,
                            version = version + 1,
                            updated_at = :now
                        WHERE id = :id AND version = :version AND status IN (:from)
                          AND paid_amount + :amount <= total_amount
                        """)
                .bind("payment", JSON.writeValueAsString(List.of(payment.fields())))
                .bind("amount", payment.amount())
                .bind("from", InvoiceAction.PAY.from().stream().map(InvoiceStatus::getValue).toList())
                .bind("id", id)
                .bind("version", version)
                .bind("now", now)
                .fetch().rowsUpdated().map(rows -> rows == 1);
    }

    /** A page of the invoices the company issued or received, oldest first. */
    Flux<InvoiceRow> list(UUID companyId, TradeFilter filter, PageCursor after, int fetch) {
        return TradeList.bind(db.sql(SELECT + " WHERE (i.seller_id = :company OR i.buyer_id = :company)"
                        + LIST.conditions()), companyId, filter, after, fetch)
                .map((row, meta) -> map(row)).all();
    }

    private static String json(List<InvoiceLine> lines) {
        return TradeLines.write(lines.stream().map(InvoiceLine::fields).toList());
    }

    private static List<InvoiceLine> parse(String json, UUID orderId) {
        List<InvoiceLine> lines = new ArrayList<>();
        TradeLines.rows(json).forEach(fields -> lines.add(InvoiceLine.of(lines.size() + 1, fields, orderId)));
        return lines;
    }

    private static List<Payment> payments(String json) {
        return JSON.readValue(json, PAYMENTS).stream().map(Payment::of).toList();
    }

    private static InvoiceRow map(Readable row) {
        return new InvoiceRow(
                row.get("id", UUID.class),
                row.get("number", String.class),
                new CompanyRef(row.get("seller_id", UUID.class), row.get("seller_code", String.class),
                        row.get("seller_name", String.class)),
                new CompanyRef(row.get("buyer_id", UUID.class), row.get("buyer_code", String.class),
                        row.get("buyer_name", String.class)),
                row.get("order_id", UUID.class),
                row.get("corrects_id", UUID.class),
                InvoiceStatus.fromValue(row.get("status", String.class)),
                row.get("version", Integer.class),
                row.get("issuer_name", String.class),
                row.get("registration_number", String.class),
                row.get("recipient_name", String.class),
                row.get("issue_date", LocalDate.class),
                row.get("period_start", LocalDate.class),
                row.get("period_end", LocalDate.class),
                row.get("due_date", LocalDate.class),
                row.get("notes", String.class),
                parse(row.get("lines", String.class), row.get("order_id", UUID.class)),
                TaxRounding.fromValue(row.get("rounding", String.class)),
                payments(row.get("payments", String.class)),
                row.get("paid_amount", Long.class),
                row.get("response_note", String.class),
                row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class));
    }

    /** An order line that an invoice bills. */
    record BilledLine(UUID orderId, int line) {
    }
}
