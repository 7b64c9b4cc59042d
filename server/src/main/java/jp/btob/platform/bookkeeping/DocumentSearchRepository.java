package jp.btob.platform.bookkeeping;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import jp.btob.platform.company.CompanyRepository.CompanyRef;
import jp.btob.platform.system.paging.DateCursor;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

/**
 * The search rows of kept trade documents, one per document per party, which triggers on the
 * document tables write in the transaction of each change (migration {@code V23}).
 *
 * <p>A search walks an index in page order and stops after a page (migration {@code V35}). That
 * walk is long when an amount range holds few of a large company's rows: it reads the company's
 * whole date range to find them. So a search with an amount range first counts the range's rows,
 * up to {@link #SPARSE}, in the amount index (migration {@code V36}); a range with fewer is read
 * there in full and its rows sorted into the page instead. Both statements answer the same page
 * for the same filters and cursor: the count only chooses the cheaper one, so a row written
 * between the two statements changes nothing but that choice.
 */
@Repository
class DocumentSearchRepository {

    /**
     * A label filter: the document carries the label in the company's own set, found by the exact
     * key of {@code document_label} (migration {@code V28}), never another company's.
     */
    private static final String LABELLED = """
            EXISTS (SELECT 1 FROM document_label l WHERE l.company_id = :company AND l.kind = '%s' \
            AND l.label = :%s AND l.document_type = %s.document_type AND l.document_id = %s.document_id)""";

    /**
     * The rows of an amount range below which the range is read whole in amount order and sorted
     * by date, rather than found along the date order: at most this many index entries either way.
     */
    static final int SPARSE = 2_000;

    /**
     * The predicate of the amount index (migration {@code V36}), true of every row, which only the
     * count and the sparse statement name: the plan kept for the search itself, for any values,
     * cannot use that index and stays the walk in page order.
     */
    private static final String AMOUNT_INDEX = "side IN ('seller', 'buyer')";

    private final DatabaseClient db;

    DocumentSearchRepository(DatabaseClient db) {
        this.db = db;
    }

    /** A page of the company's documents of these kinds, filtered, by transaction date and ID. */
    Flux<FoundDocument> search(UUID companyId, Set<DocumentType> types, SearchFilter filter, DateCursor after,
                               int fetch) {
        if (filter.minAmount() == null && filter.maxAmount() == null) {
            return run(query(companyId, types, filter, after, fetch));
        }
        return execute(probe(companyId, filter)).map(row -> row.get("found", Long.class)).one()
                .flatMapMany(found -> run(found < SPARSE ? sparseQuery(companyId, types, filter, after, fetch)
                        : query(companyId, types, filter, after, fetch)));
    }

    private Flux<FoundDocument> run(Query query) {
        return execute(query).map((row, meta) -> map(row)).all();
    }

    private DatabaseClient.GenericExecuteSpec execute(Query query) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(query.sql());
        for (Map.Entry<String, Object> parameter : query.parameters().entrySet()) {
            spec = spec.bind(parameter.getKey(), parameter.getValue());
        }
        return spec;
    }

    /**
     * The count of the amount range's rows of the company, up to {@link #SPARSE}: at most that many
     * entries of the amount index, no row read.
     */
    static Query probe(UUID companyId, SearchFilter filter) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        String range = amountRange(parameters, companyId, filter);
        parameters.put("sparse", SPARSE);
        return new Query("""
                SELECT count(*) AS found
                FROM (SELECT 1 FROM document_search WHERE %s LIMIT :sparse) r
                """.formatted(range), parameters);
    }

    /**
     * The statement a search runs, unless its amount range is sparse. It names only the filters
     * given, each a plain comparison of a column, so that every combination is planned as the index
     * range it is, read in page order with every filter checked in the index (migrations V23 and
     * V35), and a cached generic plan is as good as a fresh one.
     */
    static Query query(UUID companyId, Set<DocumentType> types, SearchFilter filter, DateCursor after, int fetch) {
        StringBuilder where = new StringBuilder("company_id = :company");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("company", companyId);
        filters(where, parameters, "document_search", types, filter, after, true);
        parameters.put("limit", fetch);
        return new Query("""
                SELECT s.*, p.code AS partner_code, p.name AS partner_name
                FROM (SELECT document_type, document_id, number, title, side, partner_id, status, transaction_date,
                             amount, created_at
                      FROM document_search
                      WHERE %s
                      ORDER BY transaction_date, document_id
                      LIMIT :limit) s
                JOIN company p ON p.id = s.partner_id
                ORDER BY s.transaction_date, s.document_id
                """.formatted(where), parameters);
    }

    /**
     * The statement of a search whose amount range holds fewer than {@link #SPARSE} of the
     * company's rows: the range read whole from the amount index (the keys and filter columns
     * only, no row), the other filters and the cursor checked on those entries, the page's keys
     * sorted by date and ID, and only the page's rows read. The same page as {@link #query}.
     */
    static Query sparseQuery(UUID companyId, Set<DocumentType> types, SearchFilter filter, DateCursor after,
                             int fetch) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        String range = amountRange(parameters, companyId, filter);
        StringBuilder where = new StringBuilder("TRUE");
        filters(where, parameters, "c", types, filter, after, false);
        parameters.put("limit", fetch);
        return new Query("""
                WITH c AS MATERIALIZED (
                    SELECT document_type, document_id, side, partner_id, transaction_date
                    FROM document_search
                    WHERE %s)
                SELECT d.document_type, d.document_id, d.number, d.title, d.side, d.partner_id, d.status,
                       d.transaction_date, d.amount, d.created_at, p.code AS partner_code, p.name AS partner_name
                FROM (SELECT document_type, document_id, side
                      FROM c
                      WHERE %s
                      ORDER BY transaction_date, document_id
                      LIMIT :limit) k
                JOIN document_search d
                    ON d.document_type = k.document_type AND d.document_id = k.document_id AND d.side = k.side
                JOIN company p ON p.id = d.partner_id
                ORDER BY d.transaction_date, d.document_id
                """.formatted(range, where), parameters);
    }

    /** The company's amount range, as the amount index (migration {@code V36}) reads it. */
    private static String amountRange(Map<String, Object> parameters, UUID companyId, SearchFilter filter) {
        StringBuilder range = new StringBuilder("company_id = :company AND " + AMOUNT_INDEX);
        parameters.put("company", companyId);
        and(range, parameters, "amount >= :minAmount", "minAmount", filter.minAmount());
        and(range, parameters, "amount <= :maxAmount", "maxAmount", filter.maxAmount());
        return range.toString();
    }

    /**
     * Every filter given but the company, each a plain comparison of a column of the relation
     * named, so that every combination is planned as the index range it is (migrations V23 and V35);
     * the amount range only if asked.
     */
    private static void filters(StringBuilder where, Map<String, Object> parameters, String relation,
                                Set<DocumentType> types, SearchFilter filter, DateCursor after, boolean amounts) {
        if (!types.containsAll(EnumSet.allOf(DocumentType.class))) {
            and(where, parameters, "document_type = ANY(CAST(:types AS text[]))", "types",
                    types.stream().map(DocumentType::value).toArray(String[]::new));
        }
        and(where, parameters, "side = :side", "side", filter.side() == null ? null : filter.side().value());
        and(where, parameters, "partner_id = :partner", "partner", filter.partnerId());
        and(where, parameters, "transaction_date >= :from", "from", filter.from());
        and(where, parameters, "transaction_date <= :to", "to", filter.to());
        if (amounts) {
            and(where, parameters, "amount >= :minAmount", "minAmount", filter.minAmount());
            and(where, parameters, "amount <= :maxAmount", "maxAmount", filter.maxAmount());
        }
        and(where, parameters, LABELLED.formatted("tag", "labelId", relation, relation), "labelId",
                filter.labelId() == null ? null : filter.labelId().toString());
        and(where, parameters, LABELLED.formatted("text", "label", relation, relation), "label", filter.label());
        if (after != null) {
            where.append(" AND (transaction_date, document_id) > (:afterDate, :afterId)");
            parameters.put("afterDate", after.date());
            parameters.put("afterId", after.id());
        }
    }

    private static void and(StringBuilder where, Map<String, Object> parameters, String condition, String name,
                            Object value) {
        if (value != null) {
            where.append(" AND ").append(condition);
            parameters.put(name, value);
        }
    }

    private static FoundDocument map(Readable row) {
        return new FoundDocument(
                DocumentType.of(row.get("document_type", String.class)).orElseThrow(),
                row.get("document_id", UUID.class),
                row.get("number", String.class),
                row.get("title", String.class),
                SearchFilter.Side.of(row.get("side", String.class)),
                new CompanyRef(row.get("partner_id", UUID.class), row.get("partner_code", String.class),
                        row.get("partner_name", String.class)),
                row.get("status", String.class),
                row.get("transaction_date", LocalDate.class),
                row.get("amount", Long.class),
                row.get("created_at", Instant.class));
    }

    /** A statement and the values of its named parameters, none of them null. */
    record Query(String sql, Map<String, Object> parameters) {
    }
}
