package jp.btob.platform.quote;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import jp.btob.platform.api.model.QuoteStatus;
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

/** Quotes. Every change is one statement that re-checks the state and the version it starts from. */
@Repository
class QuoteRepository {

    private static final String SELECT = """
            SELECT q.*, s.code AS seller_code, s.name AS seller_name, b.code AS buyer_code, b.name AS buyer_name
            FROM quote q
            JOIN company s ON s.id = q.seller_id
            JOIN company b ON b.id = q.buyer_id
            """;

    /** A quote is sent by its seller and received by its buyer; lists filter on its issue date. */
    private static final TradeList LIST = new TradeList("q", "seller_id", "buyer_id", "issue_date");

    private final DatabaseClient db;

    QuoteRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Inserts a draft; PostgreSQL draws the ID, so that no random source is read on the event loop. */
    Mono<UUID> insert(UUID sellerId, UUID buyerId, QuoteContent content, TaxRounding rounding, long total,
                      UUID createdBy, Instant now) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO quote (id, seller_id, buyer_id, status, version, revision, title, valid_until, notes,
                                           lines, rounding, total_amount, created_by, created_at, updated_at)
                        VALUES (gen_random_uuid(), :seller, :buyer, 'DRAFT', 1, 1, :title, :validUntil, :notes,
                                CAST(:lines AS jsonb), :rounding, :total, :createdBy, :now, :now)
                        RETURNING id
                        """)
                .bind("seller", sellerId)
                .bind("buyer", buyerId)
                .bind("title", content.title())
                .bind("validUntil", content.validUntil())
                .bind("lines", TradeLines.json(content.lines()))
                .bind("rounding", rounding.value())
                .bind("total", total)
                .bind("now", now);
        spec = TradeList.nullable(spec, "notes", content.notes(), String.class);
        spec = TradeList.nullable(spec, "createdBy", createdBy, UUID.class);
        return spec.map((row, meta) -> row.get("id", UUID.class)).one();
    }

    Mono<QuoteRow> find(UUID id) {
        return db.sql(SELECT + " WHERE q.id = :id").bind("id", id).map((row, meta) -> map(row)).one();
    }

    /**
     * Applies an action in one statement, only if the quote is still at the version the caller
     * read and in a state the action starts from: of two concurrent changes, exactly one wins.
     * {@code content} and {@code total} replace the contents when given; {@code issueDate} is set
     * when the action issues the quote; {@code note} is the reason given with the action, if any.
     */
    Mono<Boolean> apply(UUID id, int version, QuoteAction action, QuoteContent content, Long total, LocalDate issueDate,
                        String note, Instant now) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        UPDATE quote SET
                            status = :to,
                            version = version + 1,
                            revision = revision + :revisionStep,
                            title = COALESCE(:title, title),
                            valid_until = COALESCE(:validUntil, valid_until),
                            notes = CASE WHEN :replace THEN :notes ELSE notes END,
                            lines = COALESCE(CAST(:lines AS jsonb), lines),
                            total_amount = COALESCE(:total, total_amount),
                            issue_date = COALESCE(:issueDate, issue_date),
                            response_note = :note,
                            updated_at = :now
                        WHERE id = :id AND version = :version AND status IN (:from)
                        """)
                .bind("to", action.to().getValue())
                .bind("revisionStep", action == QuoteAction.REVISE ? 1 : 0)
                .bind("replace", content != null)
                .bind("from", action.from().stream().map(QuoteStatus::getValue).toList())
                .bind("id", id)
                .bind("version", version)
                .bind("now", now);
        spec = TradeList.nullable(spec, "title", content == null ? null : content.title(), String.class);
        spec = TradeList.nullable(spec, "validUntil", content == null ? null : content.validUntil(), LocalDate.class);
        spec = TradeList.nullable(spec, "notes", content == null ? null : content.notes(), String.class);
        spec = TradeList.nullable(spec, "lines", content == null ? null : TradeLines.json(content.lines()), String.class);
        spec = TradeList.nullable(spec, "total", total, Long.class);
        spec = TradeList.nullable(spec, "issueDate", issueDate, LocalDate.class);
        spec = TradeList.nullable(spec, "note", note, String.class);
        return spec.fetch().rowsUpdated().map(rows -> rows == 1);
    }

    /**
     * A page of the quotes the company sees, oldest first: those it sells in every state, those
     * it buys once sent.
     */
    Flux<QuoteRow> list(UUID companyId, TradeFilter filter, PageCursor after, int fetch) {
        return TradeList.bind(db.sql(SELECT + " WHERE (q.seller_id = :company OR (q.buyer_id = :company AND q.status <> 'DRAFT'))"
                        + LIST.conditions()), companyId, filter, after, fetch)
                .map((row, meta) -> map(row)).all();
    }

    private static QuoteRow map(Readable row) {
        return new QuoteRow(
                row.get("id", UUID.class),
                new CompanyRef(row.get("seller_id", UUID.class), row.get("seller_code", String.class),
                        row.get("seller_name", String.class)),
                new CompanyRef(row.get("buyer_id", UUID.class), row.get("buyer_code", String.class),
                        row.get("buyer_name", String.class)),
                QuoteStatus.fromValue(row.get("status", String.class)),
                row.get("version", Integer.class),
                row.get("revision", Integer.class),
                new QuoteContent(row.get("title", String.class), row.get("valid_until", LocalDate.class),
                        row.get("notes", String.class), TradeLines.parse(row.get("lines", String.class))),
                row.get("issue_date", LocalDate.class),
                TaxRounding.fromValue(row.get("rounding", String.class)),
                row.get("total_amount", Long.class),
                row.get("response_note", String.class),
                row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class));
    }
}
