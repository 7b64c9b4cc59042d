package jp.btob.platform.bookkeeping;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.btob.platform.order.OrderTest;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.Sql;
import jp.btob.platform.system.paging.DateCursor;
import jp.btob.platform.system.paging.PageCursor;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static jp.btob.platform.support.PartnerSteps.accept;
import static jp.btob.platform.support.PartnerSteps.invite;
import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The search of kept trade documents (電子帳簿保存法): by transaction date, amount and counterparty,
 * alone and combined, across quotes, orders and invoices, for both parties and no one else, paged by
 * its cursors, within the caller's read permissions, and read from its indexes at scale.
 */
class DocumentSearchTests extends OrderTest {

    private static final String SEARCH = "/api/v1/documents";

    private static final Set<String> INDEXES = Set.of("document_search_by_date", "document_search_by_partner");

    private static final Pattern PARAMETER = Pattern.compile(":([a-zA-Z][a-zA-Z0-9]*)");

    private final Sql sql = new Sql(DATABASE);

    @Test
    @DisplayName("[SVC-BOOK] each filter alone and combined (type, side, counterparty, date range, amount range) finds exactly its documents, a second partner's and those out of range left out; both parties find the same document")
    void searchWhenFilteredThenExactlyTheMatches() {
        Trade ab = registered(trade("検索"));
        Trade ac = partnerOf(ab, "検索第二取引先");
        Trade ba = new Trade(ab.buyer(), ab.seller(), ab.asBuyer(), ab.asSeller());
        String q1 = dated("quote", sentQuote(ab, 10_000), -30);
        String o1 = dated("order", ordered(ab, 20_000), -20);
        String o2 = dated("order", ordered(ac, 20_000), -15);
        String i1 = dated("invoice", invoiced(ab, 30_000), -10);
        String o3 = dated("order", ordered(ba, 40_000), -5);
        Object draft = draftOf(ab, 10_000).get("id");
        UUID b = ab.buyer().id();
        UUID c = ac.buyer().id();
        WebTestClient asA = ab.asSeller();

        assertThat(found(asA, "")).containsExactly(q1, o1, o2, i1, o3).doesNotContain(draft);
        assertThat(found(asA, "documentType=order")).containsExactly(o1, o2, o3);
        assertThat(found(asA, "documentType=invoice")).containsExactly(i1);
        assertThat(found(asA, "side=buyer")).containsExactly(o3);
        assertThat(found(asA, "side=seller")).containsExactly(q1, o1, o2, i1);
        assertThat(found(asA, "partnerId=" + c)).containsExactly(o2);
        assertThat(found(asA, "partnerId=" + b)).containsExactly(q1, o1, i1, o3);
        assertThat(found(asA, "dateFrom=" + day(-20) + "&dateTo=" + day(-10))).containsExactly(o1, o2, i1);
        assertThat(found(asA, "dateFrom=" + day(-9))).containsExactly(o3);
        assertThat(found(asA, "dateTo=" + day(-31))).isEmpty();
        assertThat(found(asA, "minAmount=20000&maxAmount=30000")).containsExactly(o1, o2, i1);
        assertThat(found(asA, "minAmount=30001")).containsExactly(o3);
        assertThat(found(asA, "partnerId=" + b + "&dateFrom=" + day(-25) + "&dateTo=" + day(-5) + "&minAmount=25000"))
                .containsExactly(i1, o3);
        assertThat(found(asA, "partnerId=" + b + "&side=seller&documentType=order&dateFrom=" + day(-25)
                + "&maxAmount=30000")).containsExactly(o1);
        assertThat(found(asA, "partnerId=" + c + "&minAmount=25000")).isEmpty();

        assertThat(found(ab.asBuyer(), "")).containsExactly(q1, o1, i1, o3).doesNotContain(draft);
        assertThat(found(ab.asBuyer(), "side=buyer&partnerId=" + ab.seller().id())).containsExactly(q1, o1, i1);
        assertThat(found(ac.asBuyer(), "")).containsExactly(o2);
        Map<String, Object> bySeller = item(asA, "documentType=invoice");
        Map<String, Object> byBuyer = item(ab.asBuyer(), "documentType=invoice");
        assertThat(bySeller).containsEntry("documentId", i1).containsEntry("side", "seller")
                .containsEntry("status", "ISSUED").containsEntry("transactionDate", day(-10).toString())
                .containsEntry("amount", 30_000).containsEntry("historyPath", "/api/v1/documents/invoice/" + i1 + "/history")
                .containsKey("number").doesNotContainKey("title");
        assertThat(map(bySeller.get("counterparty"))).containsEntry("companyId", b.toString())
                .containsEntry("code", ab.buyer().code());
        assertThat(byBuyer).containsEntry("side", "buyer").containsEntry("number", bySeller.get("number"));
        assertThat(map(byBuyer.get("counterparty"))).containsEntry("companyId", ab.seller().id().toString());
        assertThat(item(asA, "documentType=quote")).containsEntry("title", "見積 10000").doesNotContainKey("number");
    }

    @Test
    @DisplayName("[SVC-BOOK][PLT-TENANT] a company that is no party finds nothing of a trade, even naming its parties; a quote never sent is found by nobody; a cancelled invoice and a withdrawn quote are still found, with their status")
    void searchWhenNotPartyOrDraftThenNothingAndWhenCancelledThenKept() {
        Trade trade = registered(trade("検索当事者"));
        Trade other = partnerOf(trade, "検索部外者");
        String own = ordered(other, 5_000);
        Map<String, Object> draft = draftOf(trade, 7_000);
        Map<String, Object> invoice = invoiceOf(trade, 9_000);
        Map<String, Object> quote = done(trade.asSeller(), sentQuoteBody(trade, 8_000), "withdraw", reason("条件変更"));
        move(trade.asSeller(), invoice, "cancel", reason("金額誤り"));

        WebTestClient asOther = other.asBuyer();
        assertThat(found(asOther, "")).containsExactly(own);
        assertThat(found(asOther, "partnerId=" + trade.buyer().id())).isEmpty();
        assertThat(found(client(login(fixtures.company("検索無関係株式会社").adminLoginId())), "")).isEmpty();
        for (WebTestClient party : List.of(trade.asSeller(), trade.asBuyer())) {
            assertThat(found(party, "partnerId=" + (party == trade.asSeller() ? trade.buyer() : trade.seller()).id()))
                    .containsExactlyInAnyOrder(quote.get("id"), invoice.get("id")).doesNotContain(draft.get("id"));
            assertThat(item(party, "documentType=invoice")).containsEntry("status", "CANCELLED");
            assertThat(item(party, "documentType=quote")).containsEntry("status", "WITHDRAWN");
        }
    }

    @Test
    @DisplayName("[SVC-BOOK][PLT-PAGE] pages of two yield every match exactly once, by transaction date then document ID; a forged, cut or other list's cursor answers 400; limit 201 400; an unknown type 400; a range whose start is after its end 422 naming it")
    void searchWhenPagedThenEveryMatchOnceInOrder() {
        Trade trade = registered(trade("検索頁"));
        List<String> ids = List.of(dated("quote", sentQuote(trade, 1_000), -3), dated("order", ordered(trade, 2_000), -3),
                dated("invoice", invoiced(trade, 3_000), -3), dated("order", ordered(trade, 4_000), -1),
                dated("invoice", invoiced(trade, 5_000), -2));
        List<Map<String, Object>> all = items(trade.asBuyer(), "limit=200");
        assertThat(all).extracting(item -> item.get("documentId")).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(all).isSortedAccordingTo(Comparator.comparing((Map<String, Object> item) ->
                (String) item.get("transactionDate")).thenComparing(item -> (String) item.get("documentId")));

        for (WebTestClient party : List.of(trade.asSeller(), trade.asBuyer())) {
            assertThat(allPages(party, "")).isEqualTo(all.stream().map(item -> item.get("documentId")).toList());
        }
        assertThat(allPages(trade.asSeller(), "&minAmount=2000&maxAmount=4000")).containsExactly(
                all.stream().filter(item -> List.of(2_000, 3_000, 4_000).contains(item.get("amount")))
                        .map(item -> item.get("documentId")).toArray());

        String cursor = nextCursor(trade.asBuyer(), "limit=2");
        UUID someId = UUID.randomUUID();
        for (String forged : List.of(cursor.substring(0, cursor.length() - 3), cursor + "A", "not-a-cursor",
                new PageCursor(clock.instant(), someId).encode(), base64("day." + day(0) + "." + someId.toString().toUpperCase()),
                base64("day.+" + day(0) + "." + someId))) {
            WebTestClient.BodyContentSpec problem = trade.asBuyer().get().uri(SEARCH + "?cursor={c}", forged).exchange()
                    .expectStatus().isBadRequest().expectBody();
            assertProblem(problem, "/problems/validation", 400);
        }
        assertProblem(trade.asBuyer().get().uri(SEARCH + "?limit=201").exchange().expectStatus().isBadRequest()
                .expectBody(), "/problems/validation", 400);
        WebTestClient.BodyContentSpec unknown = trade.asBuyer().get().uri(SEARCH + "?documentType=spec-sheet").exchange()
                .expectStatus().isBadRequest().expectBody();
        assertProblem(unknown, "/problems/validation", 400);
        unknown.jsonPath("$.errors[0].field").isEqualTo("documentType");
        WebTestClient.BodyContentSpec dates = trade.asBuyer().get()
                .uri(SEARCH + "?dateFrom=" + day(0) + "&dateTo=" + day(-1)).exchange().expectStatus().isEqualTo(422).expectBody();
        assertProblem(dates, "/problems/unprocessable", 422);
        dates.jsonPath("$.errors[0].field").isEqualTo("dateFrom");
        WebTestClient.BodyContentSpec amounts = trade.asBuyer().get().uri(SEARCH + "?minAmount=2&maxAmount=1").exchange()
                .expectStatus().isEqualTo(422).expectBody();
        assertProblem(amounts, "/problems/unprocessable", 422);
        amounts.jsonPath("$.errors[0].field").isEqualTo("minAmount");
    }

    @Test
    @DisplayName("[SVC-BOOK] the result holds only the kinds the caller may read: a role without invoice:read finds no invoice and naming documentType=invoice answers 403 permission-denied; document:read alone finds no quote, order or invoice")
    void searchWhenNoInvoiceReadThenNoInvoicesAndNamingThemDenied() {
        Trade trade = registered(trade("検索権限"));
        String quote = sentQuote(trade, 1_000);
        String order = ordered(trade, 2_000);
        invoiced(trade, 3_000);
        String role = (String) trade.asBuyer().post().uri("/api/v1/admin/roles").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "帳簿閲覧係", "permissions", List.of("document:read", "quote:read", "order:read")))
                .exchange().expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody().get("id");
        String clerk = fixtures.userWith(trade.buyer().id(), List.of(), List.of());
        fixtures.grantRole(clerk, UUID.fromString(role));
        WebTestClient asClerk = client(login(clerk));

        assertThat(found(trade.asBuyer(), "")).hasSize(3);
        assertThat(found(asClerk, "")).containsExactlyInAnyOrder(quote, order);
        assertThat(found(asClerk, "documentType=order")).containsExactly(order);
        WebTestClient.BodyContentSpec denied = asClerk.get().uri(SEARCH + "?documentType=invoice").exchange()
                .expectStatus().isForbidden().expectBody();
        assertProblem(denied, "/problems/permission-denied", 403);
        denied.jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("invoice:read"));
        WebTestClient asReader = client(login(fixtures.userWith(trade.buyer().id(), List.of("document:read"), List.of())));
        assertThat(found(asReader, "")).isEmpty();
    }

    @Test
    @DisplayName("[SVC-BOOK] the search follows each change in the document's own transaction: an order placed, confirmed and shipped, a quote sent and accepted, found with the status and amount it has now")
    void searchWhenDocumentChangesThenFoundAsItIsNow() {
        Trade trade = trade("検索追随");
        Map<String, Object> order = place(trade, priced(6_000));
        assertThat(item(trade.asSeller(), "")).containsEntry("status", "PLACED").containsEntry("amount", 6_000);
        order = stepped(trade.asSeller(), order, "confirm", Map.of());
        assertThat(item(trade.asBuyer(), "")).containsEntry("status", "CONFIRMED");
        stepped(trade.asSeller(), order, "ship", quantities(1, "1"));
        assertThat(item(trade.asSeller(), "")).containsEntry("status", "SHIPPED");

        Map<String, Object> quote = sentQuoteBody(trade, 3_000);
        assertThat(item(trade.asBuyer(), "documentType=quote")).containsEntry("status", "SENT")
                .containsEntry("transactionDate", today().toString());
        done(trade.asBuyer(), quote, "accept", null);
        assertThat(item(trade.asSeller(), "documentType=quote")).containsEntry("status", "ACCEPTED")
                .containsEntry("amount", 3_000);
        assertThat(sql.count("SELECT count(*) FROM document_search WHERE document_id = ?",
                UUID.fromString((String) quote.get("id")))).as("one row per party").isEqualTo(2);
    }

    @Test
    @DisplayName("[SVC-BOOK] at 200 000 documents of one company, every search the repository runs (no filter, dates, amounts, counterparty, all combined, a second page) reads the search table through one of its indexes, never a sequential scan")
    void searchWhenManyDocumentsThenIndexRangeScans() {
        UUID company = UUID.randomUUID();
        try {
            Map<String, DocumentSearchRepository.Query> searches = atScale(company);
            for (Map.Entry<String, DocumentSearchRepository.Query> search : searches.entrySet()) {
                List<JsonNode> scans = new ArrayList<>();
                collectScans(JsonMapper.builder().build().readTree(explain(search.getValue())).get(0).get("Plan"), scans);
                assertThat(scans).as(search.getKey()).isNotEmpty().allSatisfy(scan -> {
                    assertThat(scan.get("Node Type").asString()).as(search.getKey())
                            .isIn("Index Scan", "Index Only Scan", "Bitmap Heap Scan");
                    assertThat(indexesUnder(scan)).as(search.getKey()).isNotEmpty().allMatch(INDEXES::contains);
                });
            }
        }
        finally {
            sql.withTriggerOff("document_search", "document_search_no_delete",
                    "DELETE FROM document_search WHERE company_id = ?", company);
        }
    }

    @Test
    @DisplayName("[SVC-BOOK] at 200 000 documents of one company, the plan PostgreSQL keeps for a statement prepared on a connection, the same for any values, reads every search (a wide amount range too) in page order along an index and stops after the page: it never sorts a range of rows")
    void searchWhenPlannedForAnyValuesThenReadInPageOrder() {
        UUID company = UUID.randomUUID();
        try {
            for (Map.Entry<String, DocumentSearchRepository.Query> search : atScale(company).entrySet()) {
                JsonNode plan = JsonMapper.builder().build().readTree(explainForAnyValues(search.getValue())).get(0)
                        .get("Plan");
                List<JsonNode> limits = new ArrayList<>();
                collectNodes(plan, limits, "Limit");
                assertThat(limits).as(search.getKey()).hasSize(1);
                List<JsonNode> scans = new ArrayList<>();
                collectScans(limits.get(0), scans);
                assertThat(scans).as(search.getKey()).singleElement().satisfies(scan -> {
                    assertThat(scan.get("Node Type").asString()).as(search.getKey())
                            .isIn("Index Scan", "Index Only Scan");
                    assertThat(indexesUnder(scan)).as(search.getKey()).singleElement().isIn(INDEXES);
                });
                List<JsonNode> sorts = new ArrayList<>();
                collectNodes(limits.get(0), sorts, "Sort");
                collectNodes(limits.get(0), sorts, "Incremental Sort");
                assertThat(sorts).as(search.getKey()).isEmpty();
            }
        }
        finally {
            sql.withTriggerOff("document_search", "document_search_no_delete",
                    "DELETE FROM document_search WHERE company_id = ?", company);
        }
    }

    @Test
    @DisplayName("[SVC-BOOK] [SEC-LABEL] at 200 000 documents of one company, 8 000 of them labelled among 200 000 labels of another company, a search by tag or free-form label, alone or with dates, amounts and counterparty, reads the search table and the labels through their indexes, never a sequential scan")
    void searchByLabelWhenManyDocumentsThenIndexScans() {
        UUID company = fixtures.company("検索ラベル規模株式会社").id();
        UUID others = fixtures.company("検索ラベル規模他社株式会社").id();
        UUID tag = UUID.randomUUID();
        try {
            sql.update("""
                    INSERT INTO document_search (company_id, side, document_type, document_id, partner_id, number, title,
                                                 status, transaction_date, amount, created_at)
                    SELECT ?, 'seller', 'invoice', gen_random_uuid(), CAST(md5('partner-' || (n % 400)) AS uuid), NULL,
                           'at scale', 'SENT', DATE '2019-01-01' + CAST(n * 7919 % 2557 AS integer),
                           n * 104729 % 10000000, now()
                    FROM generate_series(CAST(1 AS bigint), 200000) AS n
                    """, company);
            sql.update("""
                    INSERT INTO label_vocabulary (id, company_id, name, created_at, updated_at)
                    VALUES (?, ?, '規模', now(), now())
                    """, tag, company);
            sql.update("""
                    INSERT INTO document_label_set (company_id, document_type, document_id, version, updated_at)
                    SELECT company_id, document_type, document_id, 1, now() FROM document_search
                    WHERE company_id = ? AND get_byte(uuid_send(document_id), 15) % 25 = 0
                    """, company);
            // Other companies' labels, as the table holds them: this company's are a small part of it.
            sql.update("""
                    INSERT INTO document_label_set (company_id, document_type, document_id, version, updated_at)
                    SELECT ?, 'trade', gen_random_uuid(), 1, now() FROM generate_series(1, 200000)
                    """, others);
            sql.update("""
                    INSERT INTO document_label (company_id, kind, label, document_type, document_id)
                    SELECT company_id, 'text', '至急-' || (get_byte(uuid_send(document_id), 14) % 50), document_type,
                           document_id FROM document_label_set WHERE company_id = ?
                    """, others);
            sql.update("""
                    INSERT INTO document_label (company_id, kind, label, document_type, document_id, vocabulary_id)
                    SELECT company_id, 'tag', CAST(? AS text), document_type, document_id, ? FROM document_label_set
                    WHERE company_id = ?
                    UNION ALL
                    SELECT company_id, 'text', '至急-' || (get_byte(uuid_send(document_id), 14) % 50), document_type,
                           document_id, NULL FROM document_label_set WHERE company_id = ?
                    """, tag.toString(), tag, company, company);
            sql.update("ANALYZE document_search");
            sql.update("ANALYZE document_label");
            UUID partner = (UUID) sql.rows("SELECT CAST(md5('partner-7') AS uuid) AS id").get(0).get("id");
            LocalDate from = LocalDate.of(2022, 3, 1);
            LocalDate to = LocalDate.of(2022, 3, 31);
            Set<DocumentType> all = EnumSet.allOf(DocumentType.class);
            Map<String, DocumentSearchRepository.Query> searches = new LinkedHashMap<>();
            searches.put("tag", DocumentSearchRepository.query(company, all,
                    labelled(null, null, null, null, tag, null), null, 51));
            searches.put("free-form label", DocumentSearchRepository.query(company, all,
                    labelled(null, null, null, null, null, "至急-7"), null, 51));
            searches.put("tag and dates", DocumentSearchRepository.query(company, all,
                    labelled(null, from, to, null, tag, null), null, 51));
            searches.put("label and amounts", DocumentSearchRepository.query(company, all,
                    labelled(null, null, null, 100_000L, null, "至急-7"), null, 51));
            searches.put("tag and counterparty", DocumentSearchRepository.query(company, all,
                    labelled(partner, null, null, null, tag, null), null, 51));
            searches.put("both labels, all combined", DocumentSearchRepository.query(company, all,
                    new SearchFilter(null, SearchFilter.Side.SELLER, partner, from.minusYears(2), to, 1_000_000L,
                            9_000_000L, tag, "至急-7"), null, 51));
            searches.put("tag, second page", DocumentSearchRepository.query(company, all,
                    labelled(null, null, null, null, tag, null),
                    new DateCursor(LocalDate.of(2023, 6, 1), UUID.randomUUID()), 51));

            for (Map.Entry<String, DocumentSearchRepository.Query> search : searches.entrySet()) {
                JsonNode plan = JsonMapper.builder().build().readTree(explain(search.getValue())).get(0).get("Plan");
                List<JsonNode> scans = new ArrayList<>();
                collectScans(plan, scans);
                List<JsonNode> labelScans = new ArrayList<>();
                collectScans(plan, labelScans, "document_label");
                // A rare label is read as its range of the labels' key, each document then by its own key; a
                // common one is checked on each row the search's own index reads, by the document's few labels.
                assertThat(scans).as(search.getKey()).isNotEmpty().allSatisfy(scan -> {
                    assertThat(scan.get("Node Type").asString()).as(search.getKey())
                            .isIn("Index Scan", "Index Only Scan", "Bitmap Heap Scan");
                    assertThat(indexesUnder(scan)).as(search.getKey()).isNotEmpty()
                            .allMatch(name -> INDEXES.contains(name) || name.equals("document_search_pkey"));
                });
                assertThat(labelScans).as(search.getKey()).isNotEmpty().allSatisfy(scan -> {
                    assertThat(scan.get("Node Type").asString()).as(search.getKey())
                            .isIn("Index Scan", "Index Only Scan", "Bitmap Heap Scan");
                    assertThat(indexesUnder(scan)).as(search.getKey()).isNotEmpty()
                            .allMatch(name -> name.equals("document_label_pkey") || name.equals("document_label_by_document"));
                });
            }
        }
        finally {
            sql.update("DELETE FROM document_label WHERE company_id IN (?, ?)", company, others);
            sql.update("DELETE FROM document_label_set WHERE company_id IN (?, ?)", company, others);
            sql.update("DELETE FROM label_vocabulary WHERE company_id = ?", company);
            sql.withTriggerOff("document_search", "document_search_no_delete",
                    "DELETE FROM document_search WHERE company_id = ?", company);
        }
    }

    /** The plan PostgreSQL makes for the repository's statement with its parameters bound, as JSON. */
    private String explain(DocumentSearchRepository.Query query) {
        Matcher matcher = PARAMETER.matcher(query.sql());
        List<Object> values = new ArrayList<>();
        StringBuilder jdbc = new StringBuilder();
        while (matcher.find()) {
            assertThat(query.parameters()).containsKey(matcher.group(1));
            values.add(query.parameters().get(matcher.group(1)));
            matcher.appendReplacement(jdbc, "?");
        }
        matcher.appendTail(jdbc);
        return (String) sql.rows("EXPLAIN (FORMAT JSON) " + jdbc, values.toArray()).get(0).get("QUERY PLAN");
    }

    /**
     * 200 000 search rows of the company over seven years and 400 partners, analysed, and the
     * statements of every kind of search on them (widest and narrowest amount ranges included).
     */
    private Map<String, DocumentSearchRepository.Query> atScale(UUID company) {
        sql.update("""
                INSERT INTO document_search (company_id, side, document_type, document_id, partner_id, number, title,
                                             status, transaction_date, amount, created_at)
                SELECT ?, (ARRAY['seller', 'buyer'])[n % 2 + 1], (ARRAY['quote', 'order', 'invoice'])[n % 3 + 1],
                       gen_random_uuid(), CAST(md5('partner-' || (n % 400)) AS uuid), NULL, 'at scale', 'SENT',
                       DATE '2019-01-01' + CAST(n * 7919 % 2557 AS integer), n * 104729 % 10000000, now()
                FROM generate_series(CAST(1 AS bigint), 200000) AS n
                """, company);
        sql.update("ANALYZE document_search");
        UUID partner = (UUID) sql.rows("SELECT CAST(md5('partner-7') AS uuid) AS id").get(0).get("id");
        LocalDate from = LocalDate.of(2022, 3, 1);
        LocalDate to = LocalDate.of(2022, 3, 31);
        Set<DocumentType> all = EnumSet.allOf(DocumentType.class);
        Map<String, DocumentSearchRepository.Query> searches = new LinkedHashMap<>();
        searches.put("no filter", DocumentSearchRepository.query(company, all, filter(null, null, null, null, null),
                null, 51));
        searches.put("dates", DocumentSearchRepository.query(company, all, filter(null, from, to, null, null), null, 51));
        searches.put("amounts", DocumentSearchRepository.query(company, all,
                filter(null, null, null, 100_000L, 120_000L), null, 51));
        searches.put("all amounts", DocumentSearchRepository.query(company, all,
                filter(null, null, null, 0L, 10_000_000L), null, 51));
        searches.put("seller's amounts and dates", DocumentSearchRepository.query(company, all,
                new SearchFilter(null, SearchFilter.Side.SELLER, null, from.minusYears(3), to, 10_000L,
                        9_000_000L, null, null), null, 51));
        searches.put("counterparty", DocumentSearchRepository.query(company, all,
                filter(partner, null, null, null, null), null, 51));
        searches.put("counterparty's amounts", DocumentSearchRepository.query(company, all,
                filter(partner, null, null, 1_000L, 9_000_000L), null, 51));
        searches.put("all combined", DocumentSearchRepository.query(company, EnumSet.of(DocumentType.INVOICE),
                new SearchFilter(DocumentType.INVOICE, SearchFilter.Side.SELLER, partner, from.minusYears(2), to,
                        1_000_000L, 9_000_000L, null, null), null, 51));
        searches.put("second page", DocumentSearchRepository.query(company, all, filter(null, null, null, null, null),
                new DateCursor(LocalDate.of(2023, 6, 1), UUID.randomUUID()), 51));
        return searches;
    }

    /** The generic plan of the repository's statement, as JSON ({@link GenericPlans}). */
    private static String explainForAnyValues(DocumentSearchRepository.Query query) {
        return GenericPlans.explain(DATABASE, query);
    }

    /** Every node of the plan of this type. */
    private static void collectNodes(JsonNode node, List<JsonNode> nodes, String type) {
        if (type.equals(node.get("Node Type").asString())) {
            nodes.add(node);
        }
        if (node.has("Plans")) {
            node.get("Plans").forEach(child -> collectNodes(child, nodes, type));
        }
    }

    /** Every node of the plan that reads the search table. */
    private static void collectScans(JsonNode node, List<JsonNode> scans) {
        collectScans(node, scans, "document_search");
    }

    /** Every node of the plan that reads the table. */
    private static void collectScans(JsonNode node, List<JsonNode> scans, String table) {
        if (node.has("Relation Name") && table.equals(node.get("Relation Name").asString())) {
            scans.add(node);
        }
        if (node.has("Plans")) {
            node.get("Plans").forEach(child -> collectScans(child, scans, table));
        }
    }

    /** The indexes a scan reads: its own, or those of the bitmap index scans under it. */
    private static List<String> indexesUnder(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node.has("Index Name")) {
            names.add(node.get("Index Name").asString());
        }
        if (node.has("Plans")) {
            node.get("Plans").forEach(child -> names.addAll(indexesUnder(child)));
        }
        return names;
    }

    private static SearchFilter labelled(UUID partner, LocalDate from, LocalDate to, Long min, UUID tag, String label) {
        return new SearchFilter(null, null, partner, from, to, min, null, tag, label);
    }

    private static SearchFilter filter(UUID partner, LocalDate from, LocalDate to, Long min, Long max) {
        return new SearchFilter(null, null, partner, from, to, min, max, null, null);
    }

    /** The trade's seller connected with a new company as its buyer. */
    private Trade partnerOf(Trade trade, String name) {
        TestCompany other = fixtures.company(name + "株式会社");
        WebTestClient asOther = client(login(other.adminLoginId()));
        accept(asOther, other.id(), invite(trade.asSeller(), trade.seller().id(), other.code(), null));
        return new Trade(trade.seller(), other, trade.asSeller(), asOther);
    }

    /** The trade, its seller registered as a qualified invoice issuer. */
    private static Trade registered(Trade trade) {
        Map<String, Object> settings = Map.of("registrationNumber", "T7000012050002", "issuerKind", "corporation",
                "taxRounding", "half-up", "paymentTermsDays", 45);
        trade.asSeller().put().uri("/api/v1/company/invoicing").header("If-Match", "\"0\"")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(settings).exchange().expectStatus().isOk();
        return trade;
    }

    /** One line, exempt from tax, so that the document's total is the price. */
    private static List<Map<String, Object>> priced(long yen) {
        return List.of(line("土地使用料", "1", String.valueOf(yen), "exempt"));
    }

    private Map<String, Object> draftOf(Trade trade, long yen) {
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("buyerId", trade.buyer().id().toString());
        draft.putAll(content("見積 " + yen, today().plusDays(30), priced(yen)));
        return trade.asSeller().post().uri("/api/v1/quotes").contentType(MediaType.APPLICATION_JSON).bodyValue(draft)
                .exchange().expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    private Map<String, Object> sentQuoteBody(Trade trade, long yen) {
        return done(trade.asSeller(), draftOf(trade, yen), "send", null);
    }

    private String sentQuote(Trade trade, long yen) {
        return (String) sentQuoteBody(trade, yen).get("id");
    }

    private static String ordered(Trade trade, long yen) {
        return (String) place(trade, priced(yen)).get("id");
    }

    private static Map<String, Object> invoiceOf(Trade trade, long yen) {
        Map<String, Object> invoice = new LinkedHashMap<>();
        invoice.put("buyerId", trade.buyer().id().toString());
        invoice.put("lines", priced(yen));
        return trade.asSeller().post().uri("/api/v1/invoices").contentType(MediaType.APPLICATION_JSON).bodyValue(invoice)
                .exchange().expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    private static String invoiced(Trade trade, long yen) {
        return (String) invoiceOf(trade, yen).get("id");
    }

    private static void move(WebTestClient client, Map<String, Object> invoice, String action, Object body) {
        client.post().uri("/api/v1/invoices/{id}/{action}", invoice.get("id"), action)
                .header("If-Match", "\"" + invoice.get("version") + "\"").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isOk();
    }

    /**
     * Moves a document's transaction date (a quote's sending, an order's order date, an invoice's
     * issue date) by days from today, as only time could; answers its ID.
     */
    private String dated(String type, String id, int days) {
        String update = switch (type) {
            case "quote" -> "UPDATE quote SET issue_date = ? WHERE id = ?";
            case "order" -> "UPDATE purchase_order SET order_date = ? WHERE id = ?";
            default -> "UPDATE invoice SET issue_date = ? WHERE id = ?";
        };
        assertThat(sql.update(update, day(days), UUID.fromString(id))).isOne();
        return id;
    }

    private static String base64(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    private LocalDate day(int days) {
        return today().plusDays(days);
    }

    private static Map<String, Object> page(WebTestClient client, String query) {
        return client.get().uri(SEARCH + (query.isEmpty() ? "" : "?" + query)).exchange().expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(WebTestClient client, String query) {
        return (List<Map<String, Object>>) page(client, query).get("items");
    }

    /** The document IDs of the one page the query answers. */
    private static List<Object> found(WebTestClient client, String query) {
        return items(client, query).stream().map(item -> item.get("documentId")).toList();
    }

    /** The one document the query finds. */
    private static Map<String, Object> item(WebTestClient client, String query) {
        List<Map<String, Object>> items = items(client, query);
        assertThat(items).as(query).hasSize(1);
        return items.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static String nextCursor(WebTestClient client, String query) {
        return (String) ((Map<?, ?>) page(client, query).get("page")).get("nextCursor");
    }

    /** The document IDs of every page read two at a time by the cursors, each page checked to hold at most two. */
    private static List<Object> allPages(WebTestClient client, String filters) {
        List<Object> seen = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> page = page(client, "limit=2" + filters + (cursor == null ? "" : "&cursor=" + cursor));
            List<?> items = (List<?>) page.get("items");
            assertThat(items).hasSizeLessThanOrEqualTo(2);
            items.forEach(item -> seen.add(((Map<?, ?>) item).get("documentId")));
            cursor = (String) ((Map<?, ?>) page.get("page")).get("nextCursor");
        } while (cursor != null);
        return seen;
    }
}
