package jp.btob.platform.bookkeeping;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.Sql;
import jp.btob.platform.support.StatementLog;
import jp.btob.platform.system.paging.DateCursor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A search with an amount range at a company of many rows: the range's rows are counted first, up
 * to a cap, in the amount index, and a range under the cap is read there whole and sorted, instead
 * of walking the company's date order; both statements answer the same pages.
 */
@Import(StatementLog.class)
class DocumentSearchAmountProbeTests extends IntegrationTest {

    /** More rows than the cap, so that a wide range is dense and a narrow one sparse. */
    private static final int ROWS = 4 * DocumentSearchRepository.SPARSE;

    private static final int PAGE = 20;

    private static final Pattern PARAMETER = Pattern.compile(":([a-zA-Z][a-zA-Z0-9]*)");

    private static final Set<DocumentType> ALL = EnumSet.allOf(DocumentType.class);

    private final Sql sql = new Sql(DATABASE);

    @Autowired
    private DocumentSearchRepository repository;

    @Autowired
    private StatementLog log;

    private UUID company;

    private final List<UUID> partners = new ArrayList<>();

    /**
     * {@link #ROWS} search rows of one company over three years, with four partners, either side,
     * every kind, amounts spread from 0 to 10 million yen (each value a few times, some at the same
     * date), a fifth of them labelled; vacuumed and analysed, as autovacuum keeps it.
     */
    @BeforeEach
    void manyRows() {
        company = fixtures.company("金額範囲検索株式会社").id();
        for (int i = 0; i < 4; i++) {
            partners.add(fixtures.company("金額範囲取引先" + i + "株式会社").id());
        }
        sql.update("""
                INSERT INTO document_search (company_id, side, document_type, document_id, partner_id, number, title,
                                             status, transaction_date, amount, created_at)
                SELECT ?, (ARRAY['seller', 'buyer'])[n % 2 + 1], (ARRAY['quote', 'order', 'invoice'])[n % 3 + 1],
                       gen_random_uuid(), (ARRAY[CAST(? AS uuid), CAST(? AS uuid), CAST(? AS uuid), CAST(? AS uuid)])[n % 4 + 1],
                       'N-' || n, 'row ' || n, 'SENT', DATE '2024-01-01' + CAST(n * 7919 % 1095 AS integer),
                       n * 104729 % 10000000 / 1000 * 1000, now()
                FROM generate_series(CAST(1 AS bigint), ?) AS n
                """, company, partners.get(0), partners.get(1), partners.get(2), partners.get(3), ROWS);
        sql.update("""
                INSERT INTO document_label_set (company_id, document_type, document_id, version, updated_at)
                SELECT company_id, document_type, document_id, 1, now() FROM document_search
                WHERE company_id = ? AND get_byte(uuid_send(document_id), 15) % 5 = 0
                """, company);
        sql.update("""
                INSERT INTO document_label (company_id, kind, label, document_type, document_id)
                SELECT company_id, 'text', '至急', document_type, document_id FROM document_label_set
                WHERE company_id = ?
                """, company);
        sql.update("VACUUM (ANALYZE) document_search");
    }

    @AfterEach
    void removeRows() {
        sql.update("DELETE FROM document_label WHERE company_id = ?", company);
        sql.update("DELETE FROM document_label_set WHERE company_id = ?", company);
        sql.withTriggerOff("document_search", "document_search_no_delete",
                "DELETE FROM document_search WHERE company_id = ?", company);
    }

    @Test
    @DisplayName("[SVC-BOOK] for any amount range (empty, one value, narrow, wide, open at either end) alone or with side, counterparty, dates, kind and label, the sparse statement and the search statement give the same pages, walked page by page with the cursor of each")
    void searchWhenSparseOrWalkedThenSamePages() {
        LocalDate from = LocalDate.of(2025, 3, 1);
        LocalDate to = LocalDate.of(2025, 5, 31);
        long one = ((Number) sql.rows("SELECT amount FROM document_search WHERE company_id = ? ORDER BY amount "
                + "OFFSET 1234 LIMIT 1", company).get(0).get("amount")).longValue();
        Map<String, Object[]> cases = new LinkedHashMap<>();
        cases.put("empty", new Object[] {ALL, filter(null, null, null, null, 20_000_000L, null)});
        cases.put("empty, below", new Object[] {ALL, filter(null, null, null, null, null, -1L)});
        cases.put("one value", new Object[] {ALL, filter(null, null, null, null, one, one)});
        cases.put("narrow", new Object[] {ALL, filter(null, null, null, null, 1_000_000L, 1_200_000L)});
        cases.put("narrow, seller", new Object[] {ALL,
                filter(SearchFilter.Side.SELLER, null, null, null, 1_000_000L, 1_200_000L)});
        cases.put("narrow, buyer, counterparty", new Object[] {ALL,
                filter(SearchFilter.Side.BUYER, partners.get(1), null, null, 3_000_000L, 3_600_000L)});
        cases.put("narrow, dates", new Object[] {ALL, filter(null, null, from, to, 2_000_000L, 4_000_000L)});
        cases.put("narrow, all combined, invoices", new Object[] {EnumSet.of(DocumentType.INVOICE),
                filter(SearchFilter.Side.SELLER, partners.get(2), from.minusYears(1), to, 1_000_000L, 5_000_000L)});
        cases.put("narrow, label", new Object[] {ALL,
                new SearchFilter(null, null, null, null, null, 500_000L, 1_500_000L, null, "至急")});
        cases.put("from a bound only", new Object[] {ALL, filter(null, null, null, null, 9_800_000L, null)});
        cases.put("to a bound only, buyer", new Object[] {ALL,
                filter(SearchFilter.Side.BUYER, null, null, null, null, 150_000L)});
        cases.put("wide", new Object[] {ALL, filter(null, null, null, null, 0L, 10_000_000L)});
        cases.put("wide, counterparty, dates", new Object[] {EnumSet.of(DocumentType.ORDER, DocumentType.QUOTE),
                filter(null, partners.get(3), from, to, 100_000L, 9_000_000L)});

        for (Map.Entry<String, Object[]> search : cases.entrySet()) {
            @SuppressWarnings("unchecked")
            Set<DocumentType> types = (Set<DocumentType>) search.getValue()[0];
            SearchFilter filter = (SearchFilter) search.getValue()[1];
            List<List<String>> walked = pages(types, filter, false);
            List<List<String>> sparse = pages(types, filter, true);
            assertThat(sparse).as(search.getKey()).isEqualTo(walked);
            long matches = walked.stream().mapToLong(List::size).sum();
            if (search.getKey().startsWith("empty")) {
                assertThat(matches).as(search.getKey()).isZero();
            }
            else {
                // Every case but the empty ones finds a page or more, so that the comparison compares rows.
                assertThat(matches).as(search.getKey()).isPositive();
            }
        }
        // The narrow, one-value and labelled cases run to their last page, more than one.
        assertThat(pages(ALL, filter(null, null, null, null, 1_000_000L, 1_200_000L), true)).hasSizeGreaterThan(1);
    }

    @Test
    @DisplayName("[SVC-BOOK] at a company of four times the cap's rows, a search with an amount range sends the bounded count first, then the sparse statement for an empty or narrow range and the search statement for a wide one; a search without one sends the search statement alone; the pages are the same as the search statement's")
    void searchWhenAmountRangeThenCountedFirstAndSparseReadInAmountOrder() {
        SearchFilter empty = filter(null, null, null, null, 20_000_000L, null);
        assertThat(sent(empty)).containsExactly("count", "sparse");
        assertThat(repository.search(company, ALL, empty, null, PAGE + 1).collectList().block()).isEmpty();

        SearchFilter narrow = filter(SearchFilter.Side.SELLER, null, null, null, 1_000_000L, 1_200_000L);
        assertThat(sent(narrow)).containsExactly("count", "sparse");
        assertThat(ids(repository.search(company, ALL, narrow, null, PAGE + 1).collectList().block()))
                .isEqualTo(firstPage(narrow)).hasSize(PAGE);

        SearchFilter wide = filter(null, null, null, null, 0L, 10_000_000L);
        assertThat(sent(wide)).containsExactly("count", "search");
        assertThat(ids(repository.search(company, ALL, wide, null, PAGE + 1).collectList().block()))
                .isEqualTo(firstPage(wide)).hasSize(PAGE);

        assertThat(sent(filter(null, partners.get(0), null, null, null, null))).containsExactly("search");
    }

    @Test
    @DisplayName("[SVC-BOOK] the plans PostgreSQL keeps for the count and the sparse statement, the same for any values, read only the amount index (index-only) and the page's rows by their key; the search statement's never uses the amount index")
    void searchWhenPlannedForAnyValuesThenCountAndSparseReadTheAmountIndexOnly() {
        SearchFilter narrow = new SearchFilter(null, SearchFilter.Side.BUYER, partners.get(0), LocalDate.of(2024, 6, 1),
                LocalDate.of(2026, 1, 1), 1_000_000L, 1_200_000L, null, "至急");
        JsonNode probe = planForAnyValues(DocumentSearchRepository.probe(company, narrow));
        assertThat(scans(probe)).singleElement().satisfies(scan -> {
            assertThat(scan.get("Node Type").asString()).isEqualTo("Index Only Scan");
            assertThat(scan.get("Index Name").asString()).isEqualTo("document_search_by_amount");
        });

        JsonNode sparse = planForAnyValues(DocumentSearchRepository.sparseQuery(company, ALL, narrow,
                new DateCursor(LocalDate.of(2024, 9, 1), UUID.randomUUID()), PAGE + 1));
        List<JsonNode> scans = scans(sparse);
        assertThat(scans).hasSize(2);
        assertThat(scans).filteredOn(scan -> "document_search_by_amount".equals(scan.path("Index Name").asString()))
                .singleElement().satisfies(scan -> assertThat(scan.get("Node Type").asString()).isEqualTo("Index Only Scan"));
        assertThat(scans).filteredOn(scan -> "document_search_pkey".equals(scan.path("Index Name").asString()))
                .singleElement().satisfies(scan -> assertThat(scan.get("Node Type").asString()).isEqualTo("Index Scan"));

        for (SearchFilter filter : List.of(narrow, filter(null, null, null, null, 20_000_000L, null),
                filter(SearchFilter.Side.SELLER, null, null, null, null, 150_000L))) {
            JsonNode search = planForAnyValues(DocumentSearchRepository.query(company, ALL, filter, null, PAGE + 1));
            assertThat(scans(search)).isNotEmpty()
                    .noneMatch(scan -> "document_search_by_amount".equals(scan.path("Index Name").asString()));
        }
    }

    /** The statements a search sends, by kind, counted at the connection pool. */
    private List<String> sent(SearchFilter filter) {
        log.clear();
        repository.search(company, ALL, filter, null, PAGE + 1).collectList().block();
        return log.statements().stream().filter(statement -> statement.contains("document_search"))
                .map(statement -> statement.contains("count(*)") ? "count"
                        : statement.contains("WITH c AS MATERIALIZED") ? "sparse" : "search")
                .toList();
    }

    /** Every page of the search (at most 40), each as its rows, by one statement or the other. */
    private List<List<String>> pages(Set<DocumentType> types, SearchFilter filter, boolean sparse) {
        List<List<String>> pages = new ArrayList<>();
        DateCursor after = null;
        for (int page = 0; page < 40; page++) {
            DocumentSearchRepository.Query query = sparse
                    ? DocumentSearchRepository.sparseQuery(company, types, filter, after, PAGE + 1)
                    : DocumentSearchRepository.query(company, types, filter, after, PAGE + 1);
            List<Map<String, Object>> rows = rows(query);
            pages.add(rows.stream().limit(PAGE).map(Object::toString).toList());
            if (rows.size() <= PAGE) {
                break;
            }
            Map<String, Object> last = rows.get(PAGE - 1);
            after = new DateCursor(((java.sql.Date) last.get("transaction_date")).toLocalDate(),
                    (UUID) last.get("document_id"));
        }
        return pages;
    }

    /** The IDs of the first page of the search statement. */
    private List<String> firstPage(SearchFilter filter) {
        return rows(DocumentSearchRepository.query(company, ALL, filter, null, PAGE + 1)).stream().limit(PAGE)
                .map(row -> row.get("document_id").toString()).toList();
    }

    private static List<String> ids(List<FoundDocument> found) {
        return found.stream().limit(PAGE).map(document -> document.id().toString()).toList();
    }

    /** The statement's rows, its named parameters bound. */
    private List<Map<String, Object>> rows(DocumentSearchRepository.Query query) {
        Matcher matcher = PARAMETER.matcher(query.sql());
        List<Object> values = new ArrayList<>();
        StringBuilder jdbc = new StringBuilder();
        while (matcher.find()) {
            values.add(query.parameters().get(matcher.group(1)));
            matcher.appendReplacement(jdbc, "?");
        }
        matcher.appendTail(jdbc);
        return sql.rows(jdbc.toString(), values.toArray());
    }

    /** The plan PostgreSQL may keep for the statement prepared on a connection, for any values. */
    private static JsonNode planForAnyValues(DocumentSearchRepository.Query query) {
        return JsonMapper.builder().build().readTree(GenericPlans.explain(DATABASE, query)).get(0).get("Plan");
    }

    /** Every node of the plan that reads the search table. */
    private static List<JsonNode> scans(JsonNode plan) {
        List<JsonNode> scans = new ArrayList<>();
        collect(plan, scans);
        return scans;
    }

    private static void collect(JsonNode node, List<JsonNode> scans) {
        if ("document_search".equals(node.path("Relation Name").asString())) {
            scans.add(node);
        }
        if (node.has("Plans")) {
            node.get("Plans").forEach(child -> collect(child, scans));
        }
    }

    private static SearchFilter filter(SearchFilter.Side side, UUID partner, LocalDate from, LocalDate to, Long min,
                                       Long max) {
        return new SearchFilter(null, side, partner, from, to, min, max, null, null);
    }
}
