package jp.btob.platform.specsheet;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import jp.btob.platform.api.model.SpecSheetStatus;
import jp.btob.platform.company.CompanyRepository.CompanyRef;
import jp.btob.platform.system.paging.PageCursor;
import jp.btob.platform.trade.TradeList;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Spec sheets and their revisions. Every change is one statement that re-checks the state and the
 * version it starts from.
 */
@Repository
class SpecSheetRepository {

    private static final String SELECT = """
            SELECT s.*, se.code AS seller_code, se.name AS seller_name, b.code AS buyer_code, b.name AS buyer_name
            FROM spec_sheet s
            JOIN company se ON se.id = s.seller_id
            JOIN company b ON b.id = s.buyer_id
            """;

    private final DatabaseClient db;

    SpecSheetRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Inserts a requested sheet; the database draws the ID, so that no random source is read on the event loop. */
    Mono<UUID> insert(NewSpecSheet sheet, SpecContent content, UUID createdBy, Instant now) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO spec_sheet (id, seller_id, buyer_id, status, version, revision, product_name,
                                                product_code, due_date, note, content, created_by, created_at,
                                                updated_at)
                        VALUES (gen_random_uuid(), :seller, :buyer, 'REQUESTED', 1, 0, :productName, :productCode,
                                :dueDate, :note, CAST(:content AS jsonb), :createdBy, :now, :now)
                        RETURNING id
                        """)
                .bind("seller", sheet.sellerId())
                .bind("buyer", sheet.buyerId())
                .bind("productName", sheet.productName())
                .bind("content", SpecContents.json(content))
                .bind("now", now);
        spec = TradeList.nullable(spec, "productCode", sheet.productCode(), String.class);
        spec = TradeList.nullable(spec, "dueDate", sheet.dueDate(), LocalDate.class);
        spec = TradeList.nullable(spec, "note", sheet.note(), String.class);
        spec = TradeList.nullable(spec, "createdBy", createdBy, UUID.class);
        return spec.map((row, meta) -> row.get("id", UUID.class)).one();
    }

    Mono<SpecSheetRow> find(UUID id) {
        return db.sql(SELECT + " WHERE s.id = :id").bind("id", id).map((row, meta) -> map(row)).one();
    }

    /**
     * Applies an action in one statement, only if the sheet is still at the version the caller
     * read and in a state the action starts from: of two concurrent changes, exactly one wins. A
     * submission copies the content into a new revision in the same statement.
     *
     * @param content the new content of an edit, null to keep it
     * @param note    the comments or reason given, null to keep the last
     */
    Mono<Boolean> apply(UUID id, int version, SpecSheetAction action, SpecSheetStatus to, SpecContent content,
                        String note, UUID actorId, Instant now) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        WITH changed AS (
                            UPDATE spec_sheet SET
                                status = :to,
                                version = version + 1,
                                content = COALESCE(CAST(:content AS jsonb), content),
                                revision = revision + :step,
                                submitted_at = CASE WHEN :step = 1 THEN :now ELSE submitted_at END,
                                response_note = COALESCE(:note, response_note),
                                updated_at = :now
                            WHERE id = :id AND version = :version AND status IN (:from)
                            RETURNING id, revision, content
                        ), kept AS (
                            INSERT INTO spec_sheet_revision (spec_sheet_id, revision, content, submitted_by,
                                                             submitted_at)
                            SELECT id, revision, content, :actor, :now FROM changed WHERE :step = 1
                        )
                        SELECT count(*) AS changed FROM changed
                        """)
                .bind("to", to.getValue())
                .bind("step", action == SpecSheetAction.SUBMIT ? 1 : 0)
                .bind("from", action.from().stream().map(SpecSheetStatus::getValue).toList())
                .bind("id", id)
                .bind("version", version)
                .bind("now", now);
        spec = TradeList.nullable(spec, "content", content == null ? null : SpecContents.json(content), String.class);
        spec = TradeList.nullable(spec, "note", note, String.class);
        spec = TradeList.nullable(spec, "actor", actorId, UUID.class);
        return spec.map((row, meta) -> row.get("changed", Long.class)).one().map(rows -> rows == 1);
    }

    /**
     * A page of the sheets the company requested or supplies, oldest first.
     *
     * @param role {@code requested} (the company is the buyer), {@code supplied} (the seller) or null for both
     */
    Flux<SpecSheetRow> list(UUID companyId, String role, SpecSheetStatus status, UUID partnerId, PageCursor after,
                            int fetch) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(SELECT + """
                         WHERE (s.seller_id = :company OR s.buyer_id = :company)
                           AND (CAST(:role AS text) IS NULL
                                OR (:role = 'requested' AND s.buyer_id = :company)
                                OR (:role = 'supplied' AND s.seller_id = :company))
                           AND (CAST(:status AS text) IS NULL OR s.status = :status)
                           AND (CAST(:partner AS uuid) IS NULL OR s.seller_id = :partner OR s.buyer_id = :partner)
                           AND (CAST(:afterAt AS timestamptz) IS NULL OR (s.created_at, s.id) > (:afterAt, :afterId))
                        ORDER BY s.created_at, s.id
                        LIMIT :limit
                        """)
                .bind("company", companyId)
                .bind("limit", fetch);
        spec = TradeList.nullable(spec, "role", role, String.class);
        spec = TradeList.nullable(spec, "status", status == null ? null : status.getValue(), String.class);
        spec = TradeList.nullable(spec, "partner", partnerId, UUID.class);
        spec = TradeList.nullable(spec, "afterAt", after == null ? null : after.at(), Instant.class);
        spec = TradeList.nullable(spec, "afterId", after == null ? null : after.id(), UUID.class);
        return spec.map((row, meta) -> map(row)).all();
    }

    /** A submitted revision of the sheet. */
    Mono<SpecRevision> revision(UUID id, int revision) {
        return db.sql("""
                        SELECT spec_sheet_id, revision, content::text AS content, submitted_at
                        FROM spec_sheet_revision WHERE spec_sheet_id = :id AND revision = :revision
                        """)
                .bind("id", id)
                .bind("revision", revision)
                .map((row, meta) -> new SpecRevision(row.get("spec_sheet_id", UUID.class),
                        row.get("revision", Integer.class), SpecContents.parse(row.get("content", String.class)),
                        row.get("submitted_at", Instant.class)))
                .one();
    }

    private static SpecSheetRow map(Readable row) {
        return new SpecSheetRow(
                row.get("id", UUID.class),
                new CompanyRef(row.get("seller_id", UUID.class), row.get("seller_code", String.class),
                        row.get("seller_name", String.class)),
                new CompanyRef(row.get("buyer_id", UUID.class), row.get("buyer_code", String.class),
                        row.get("buyer_name", String.class)),
                SpecSheetStatus.fromValue(row.get("status", String.class)),
                row.get("version", Integer.class),
                row.get("revision", Integer.class),
                row.get("product_name", String.class),
                row.get("product_code", String.class),
                row.get("due_date", LocalDate.class),
                row.get("note", String.class),
                SpecContents.parse(row.get("content", String.class)),
                row.get("response_note", String.class),
                row.get("submitted_at", Instant.class),
                row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class));
    }
}
