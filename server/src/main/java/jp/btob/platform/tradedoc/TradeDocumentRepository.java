package jp.btob.platform.tradedoc;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import jp.btob.platform.api.model.TradeDocumentKind;
import jp.btob.platform.api.model.TradeDocumentStatus;
import jp.btob.platform.api.model.TradeSide;
import jp.btob.platform.company.CompanyRepository.CompanyRef;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.trade.TradeFilter;
import jp.btob.platform.trade.TradeList;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Trade documents. Every change is one statement that re-checks the state and the version it
 * starts from; rows are never deleted (the database refuses it).
 */
@Repository
class TradeDocumentRepository {

    private static final String SELECT = """
            SELECT t.*, s.code AS sender_code, s.name AS sender_name, r.code AS receiver_code, r.name AS receiver_name
            FROM trade_document t
            JOIN company s ON s.id = t.sender_id
            JOIN company r ON r.id = t.receiver_id
            """;

    /** Lists filter on the transaction date the sender states. */
    private static final TradeList LIST = new TradeList("t", "sender_id", "receiver_id", "transaction_date");

    private final DatabaseClient db;

    TradeDocumentRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Inserts a sent document; PostgreSQL draws the ID, so that no random source is read on the
     * event loop. A number the sender already used for the kind fails on the unique index.
     */
    Mono<UUID> insert(UUID senderId, UUID receiverId, TradeSide senderSide, TradeDocumentKind kind,
                      TradeDocumentFields fields, UUID createdBy, Instant now) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO trade_document (id, sender_id, receiver_id, sender_side, kind, kind_label, number,
                                                    status, version, transaction_date, total_amount, tax_amount, title,
                                                    notes, external_reference, created_by, created_at, updated_at)
                        VALUES (gen_random_uuid(), :sender, :receiver, :senderSide, :kind, :kindLabel, :number,
                                'SENT', 1, :transactionDate, :amount, :taxAmount, :title, :notes, :externalReference,
                                :createdBy, :now, :now)
                        RETURNING id
                        """)
                .bind("sender", senderId)
                .bind("receiver", receiverId)
                .bind("senderSide", senderSide.getValue())
                .bind("kind", kind.getValue())
                .bind("now", now);
        spec = TradeList.nullable(spec, "createdBy", createdBy, UUID.class);
        return fields(spec, fields).map((row, meta) -> row.get("id", UUID.class)).one();
    }

    Mono<TradeDocumentRow> find(UUID id) {
        return db.sql(SELECT + " WHERE t.id = :id").bind("id", id).map((row, meta) -> map(row)).one();
    }

    /**
     * Applies an action in one statement, only if the document is still at the version the caller
     * read and in a state the action starts from: of two concurrent changes, exactly one wins.
     * {@code fields} replace what the sender stated when given (a correction); {@code note} is the
     * reason given with the action, if any.
     */
    Mono<Boolean> apply(UUID id, int version, TradeDocumentAction action, TradeDocumentFields fields, String note,
                        Instant now) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        UPDATE trade_document SET
                            status = :to,
                            version = version + 1,
                            kind_label = CASE WHEN :replace THEN :kindLabel ELSE kind_label END,
                            number = CASE WHEN :replace THEN :number ELSE number END,
                            transaction_date = CASE WHEN :replace THEN :transactionDate ELSE transaction_date END,
                            total_amount = CASE WHEN :replace THEN :amount ELSE total_amount END,
                            tax_amount = CASE WHEN :replace THEN :taxAmount ELSE tax_amount END,
                            title = CASE WHEN :replace THEN :title ELSE title END,
                            notes = CASE WHEN :replace THEN :notes ELSE notes END,
                            external_reference = CASE WHEN :replace THEN :externalReference ELSE external_reference END,
                            response_note = COALESCE(:note, response_note),
                            updated_at = :now
                        WHERE id = :id AND version = :version AND status IN (:from)
                        """)
                .bind("to", action.to().getValue())
                .bind("replace", fields != null)
                .bind("from", action.from().stream().map(TradeDocumentStatus::getValue).toList())
                .bind("id", id)
                .bind("version", version)
                .bind("now", now);
        spec = TradeList.nullable(spec, "note", note, String.class);
        if (fields == null) {
            spec = TradeList.nullable(spec, "kindLabel", null, String.class);
            spec = TradeList.nullable(spec, "number", null, String.class);
            spec = TradeList.nullable(spec, "transactionDate", null, LocalDate.class);
            spec = TradeList.nullable(spec, "amount", null, Long.class);
            spec = TradeList.nullable(spec, "taxAmount", null, Long.class);
            spec = TradeList.nullable(spec, "title", null, String.class);
            spec = TradeList.nullable(spec, "notes", null, String.class);
            spec = TradeList.nullable(spec, "externalReference", null, String.class);
        } else {
            spec = fields(spec, fields);
        }
        return spec.fetch().rowsUpdated().map(rows -> rows == 1);
    }

    /** A page of the documents the company sent or received, oldest first, of one kind when {@code kind} is given. */
    Flux<TradeDocumentRow> list(UUID companyId, TradeDocumentKind kind, TradeFilter filter, PageCursor after,
                                int fetch) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(SELECT
                + " WHERE (t.sender_id = :company OR t.receiver_id = :company)"
                + " AND (CAST(:kind AS text) IS NULL OR t.kind = :kind)"
                + LIST.conditions());
        spec = TradeList.nullable(spec, "kind", kind == null ? null : kind.getValue(), String.class);
        return TradeList.bind(spec, companyId, filter, after, fetch).map((row, meta) -> map(row)).all();
    }

    private static DatabaseClient.GenericExecuteSpec fields(DatabaseClient.GenericExecuteSpec spec,
                                                            TradeDocumentFields fields) {
        spec = spec.bind("number", fields.number())
                .bind("transactionDate", fields.transactionDate())
                .bind("amount", fields.amount())
                .bind("title", fields.title());
        spec = TradeList.nullable(spec, "kindLabel", fields.kindLabel(), String.class);
        spec = TradeList.nullable(spec, "taxAmount", fields.taxAmount(), Long.class);
        spec = TradeList.nullable(spec, "notes", fields.notes(), String.class);
        return TradeList.nullable(spec, "externalReference", fields.externalReference(), String.class);
    }

    private static TradeDocumentRow map(Readable row) {
        return new TradeDocumentRow(
                row.get("id", UUID.class),
                TradeDocumentKind.fromValue(row.get("kind", String.class)),
                new CompanyRef(row.get("sender_id", UUID.class), row.get("sender_code", String.class),
                        row.get("sender_name", String.class)),
                new CompanyRef(row.get("receiver_id", UUID.class), row.get("receiver_code", String.class),
                        row.get("receiver_name", String.class)),
                TradeSide.fromValue(row.get("sender_side", String.class)),
                TradeDocumentStatus.fromValue(row.get("status", String.class)),
                row.get("version", Integer.class),
                new TradeDocumentFields(row.get("number", String.class), row.get("kind_label", String.class),
                        row.get("transaction_date", LocalDate.class), row.get("total_amount", Long.class),
                        row.get("tax_amount", Long.class), row.get("title", String.class),
                        row.get("notes", String.class), row.get("external_reference", String.class)),
                row.get("response_note", String.class),
                row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class));
    }
}
