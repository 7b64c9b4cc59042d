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
 */
@Repository
class DocumentSearchRepository {

    /**
     * A label filter: the document carries the label in the company's own set, found by the exact
     * key of {@code document_label} (migration {@code V28}), never another company's.
     */
    private static final String LABELLED = """
            EXISTS (SELECT 1 FROM document_label l WHERE l.company_id = :company AND l.kind = '%s' \
            AND l.label = :%s AND l.document_type = document_search.document_type \
            AND l.document_id = document_search.document_id)""";

    private final DatabaseClient db;

    DocumentSearchRepository(DatabaseClient db) {
        this.db = db;
    }

    /** A page of the company's documents of these kinds, filtered, by transaction date and ID. */
    Flux<FoundDocument> search(UUID companyId, Set<DocumentType> types, SearchFilter filter, DateCursor after,
                               int fetch) {
        Query query = query(companyId, types, filter, after, fetch);
        DatabaseClient.GenericExecuteSpec spec = db.sql(query.sql());
        for (Map.Entry<String, Object> parameter : query.parameters().entrySet()) {
            spec = spec.bind(parameter.getKey(), parameter.getValue());
        }
        return spec.map((row, meta) -> map(row)).all();
    }

    /**
     * The statement a search runs. It names only the filters given, each a plain comparison of a
     * column, so that every combination is planned as the index range it is, read in page order
     * with every filter checked in the index (migrations V23 and V35), and a cached generic plan
     * is as good as a fresh one.
     */
    static Query query(UUID companyId, Set<DocumentType> types, SearchFilter filter, DateCursor after, int fetch) {
        StringBuilder where = new StringBuilder("company_id = :company");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("company", companyId);
        if (!types.containsAll(EnumSet.allOf(DocumentType.class))) {
            and(where, parameters, "document_type = ANY(CAST(:types AS text[]))", "types",
                    types.stream().map(DocumentType::value).toArray(String[]::new));
        }
        and(where, parameters, "side = :side", "side", filter.side() == null ? null : filter.side().value());
        and(where, parameters, "partner_id = :partner", "partner", filter.partnerId());
        and(where, parameters, "transaction_date >= :from", "from", filter.from());
        and(where, parameters, "transaction_date <= :to", "to", filter.to());
        and(where, parameters, "amount >= :minAmount", "minAmount", filter.minAmount());
        and(where, parameters, "amount <= :maxAmount", "maxAmount", filter.maxAmount());
        and(where, parameters, LABELLED.formatted("tag", "labelId"), "labelId",
                filter.labelId() == null ? null : filter.labelId().toString());
        and(where, parameters, LABELLED.formatted("text", "label"), "label", filter.label());
        if (after != null) {
            where.append(" AND (transaction_date, document_id) > (:afterDate, :afterId)");
            parameters.put("afterDate", after.date());
            parameters.put("afterId", after.id());
        }
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
