package jp.btob.platform.trade;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jp.btob.platform.system.paging.PageCursor;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The one query shape of every list of trade documents: the company's documents, filtered, oldest
 * first by creation and ID (a stable order for cursors), one page at a time.
 *
 * @param alias        the document table's alias in the query
 * @param senderColumn   the party column of the company that sent the document ({@code role=sent})
 * @param receiverColumn the other party's column ({@code role=received})
 * @param dateColumn     the date the date range filters on
 */
public record TradeList(String alias, String senderColumn, String receiverColumn, String dateColumn) {

    /**
     * The filter's conditions, the order and the page's limit, to follow the condition of which
     * documents the company sees; they use {@code :company} and the parameters {@link #bind} binds.
     */
    public String conditions() {
        String a = alias + ".";
        return """
                 AND (CAST(:role AS text) IS NULL
                      OR (:role = 'sent' AND %1$s%2$s = :company) OR (:role = 'received' AND %1$s%3$s = :company))
                 AND (CAST(:status AS text) IS NULL OR %1$sstatus = :status)
                 AND (CAST(:partner AS uuid) IS NULL OR %1$sseller_id = :partner OR %1$sbuyer_id = :partner)
                 AND (CAST(:from AS date) IS NULL OR %1$s%4$s >= :from)
                 AND (CAST(:to AS date) IS NULL OR %1$s%4$s <= :to)
                 AND (CAST(:minTotal AS bigint) IS NULL OR %1$stotal_amount >= :minTotal)
                 AND (CAST(:maxTotal AS bigint) IS NULL OR %1$stotal_amount <= :maxTotal)
                 AND (CAST(:afterAt AS timestamptz) IS NULL OR (%1$screated_at, %1$sid) > (:afterAt, :afterId))
                ORDER BY %1$screated_at, %1$sid
                LIMIT :limit
                """.formatted(a, senderColumn, receiverColumn, dateColumn);
    }

    /** Binds the company, the filter, the cursor and the page's size to a query with {@link #conditions}. */
    public static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec query, UUID companyId,
                                                         TradeFilter filter, PageCursor after, int fetch) {
        DatabaseClient.GenericExecuteSpec spec = query.bind("company", companyId).bind("limit", fetch);
        spec = nullable(spec, "role", filter.role(), String.class);
        spec = nullable(spec, "status", filter.status(), String.class);
        spec = nullable(spec, "partner", filter.partnerId(), UUID.class);
        spec = nullable(spec, "from", filter.from(), LocalDate.class);
        spec = nullable(spec, "to", filter.to(), LocalDate.class);
        spec = nullable(spec, "minTotal", filter.minTotal(), Long.class);
        spec = nullable(spec, "maxTotal", filter.maxTotal(), Long.class);
        spec = nullable(spec, "afterAt", after == null ? null : after.at(), Instant.class);
        return nullable(spec, "afterId", after == null ? null : after.id(), UUID.class);
    }

    /** Binds the value, or a typed null. */
    public static <T> DatabaseClient.GenericExecuteSpec nullable(DatabaseClient.GenericExecuteSpec spec, String name,
                                                                 T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }
}
