package jp.btob.platform.label;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.support.Concurrently;
import jp.btob.platform.support.Sql;
import jp.btob.platform.support.TradeTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Data classification end to end: a company's vocabulary, its own labels on invoices and trade
 * documents that the other party never sees, tenancy, versions, and the search by label.
 */
class LabelTests extends TradeTest {

    private static final String VOCABULARY = "/api/v1/labels/vocabulary";

    private static final String LABELS = "/api/v1/documents/{type}/{id}/labels";

    private final Sql sql = new Sql(DATABASE);

    @Test
    @DisplayName("[SEC-LABEL] a company's vocabulary: created, listed by name, renamed, removed (and with it from its documents, whose ETag moves); a name taken in any case is 409, a blank name 422, a bad colour 400, and changing it needs admin:security")
    void vocabularyWhenManagedThenValidatedAndAudited() {
        Trade trade = trade("ラベル語彙");
        WebTestClient admin = trade.asSeller();
        Map<String, Object> secret = created(admin, Map.of("name", "Secret", "color", "#d03030", "description", "社外秘"));
        Map<String, Object> urgent = created(admin, Map.of("name", "至急"));
        assertThat(secret).containsEntry("name", "Secret").containsEntry("color", "#d03030");

        assertProblem(admin.post().uri(VOCABULARY).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "SECRET"))
                .exchange().expectStatus().isEqualTo(409).expectBody(), "/problems/conflict", 409);
        admin.post().uri(VOCABULARY).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "   "))
                .exchange().expectStatus().isEqualTo(422).expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
        admin.post().uri(VOCABULARY).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "色", "color", "red"))
                .exchange().expectStatus().isBadRequest();
        admin.post().uri(VOCABULARY).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "x".repeat(41)))
                .exchange().expectStatus().isBadRequest();
        WebTestClient reader = client(login(fixtures.userWith(trade.seller().id(), List.of("document:read"), List.of())));
        assertThat(names(reader)).containsExactly("Secret", "至急");
        assertProblem(reader.post().uri(VOCABULARY).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "無権限"))
                .exchange().expectStatus().isForbidden().expectBody(), "/problems/permission-denied", 403);
        assertThat(names(trade.asBuyer())).as("another company's vocabulary").isEmpty();

        admin.put().uri(VOCABULARY + "/{id}", urgent.get("id")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "至急対応", "color", "#00aa00")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("至急対応").jsonPath("$.color").isEqualTo("#00aa00");
        assertProblem(admin.put().uri(VOCABULARY + "/{id}", urgent.get("id")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "secret")).exchange().expectStatus().isEqualTo(409).expectBody(), "/problems/conflict", 409);

        Object note = tradeDocument(trade, "DN-V1", 1_000);
        put(admin, "trade", note, "\"0\"", List.of(secret.get("id"), urgent.get("id")), List.of("自由"))
                .expectStatus().isOk().expectHeader().valueEquals("ETag", "\"1\"");
        admin.delete().uri(VOCABULARY + "/{id}", secret.get("id")).exchange().expectStatus().isNoContent();
        admin.delete().uri(VOCABULARY + "/{id}", secret.get("id")).exchange().expectStatus().isNotFound();
        Map<String, Object> after = labels(admin, "trade", note);
        assertThat(after).containsEntry("version", 2).containsEntry("labels", List.of("自由"));
        assertThat((List<?>) after.get("tags")).singleElement()
                .satisfies(tag -> assertThat(((Map<?, ?>) tag).get("name")).isEqualTo("至急対応"));
        assertThat(names(admin)).containsExactly("至急対応");
        assertThat(sql.rows("SELECT action FROM audit_event WHERE company_id = ? AND action LIKE 'label.%' ORDER BY seq",
                trade.seller().id())).extracting(row -> row.get("action"))
                .containsExactly("label.create", "label.create", "label.update", "label.document-update", "label.delete");
    }

    @Test
    @DisplayName("[SEC-LABEL] both parties label one invoice and one trade document; each sees only its own labels, the other party's answer is its own set (empty before it writes), and a company no party gets 404")
    void documentLabelsWhenBothPartiesWriteThenEachSeesOnlyItsOwn() {
        Trade trade = trade("ラベル双方");
        Object invoice = invoice(trade, 5_000);
        Object note = tradeDocument(trade, "DN-B1", 2_000);
        Object sellerTag = created(trade.asSeller(), Map.of("name", "売側タグ")).get("id");
        Object buyerTag = created(trade.asBuyer(), Map.of("name", "買側タグ")).get("id");

        for (String type : List.of("invoice", "trade")) {
            Object document = type.equals("invoice") ? invoice : note;
            put(trade.asSeller(), type, document, "\"0\"", List.of(sellerTag), List.of("売側メモ"))
                    .expectStatus().isOk();
            Map<String, Object> buyers = labels(trade.asBuyer(), type, document);
            assertThat(buyers).containsEntry("version", 0).containsEntry("labels", List.of())
                    .containsEntry("tags", List.of());
            put(trade.asBuyer(), type, document, "\"0\"", List.of(buyerTag), List.of("買側メモ", "要確認"))
                    .expectStatus().isOk().expectHeader().valueEquals("ETag", "\"1\"");

            Map<String, Object> sellers = labels(trade.asSeller(), type, document);
            assertThat(sellers).containsEntry("version", 1).containsEntry("labels", List.of("売側メモ"));
            assertThat((List<?>) sellers.get("tags")).singleElement()
                    .satisfies(tag -> assertThat(((Map<?, ?>) tag).get("id")).isEqualTo(sellerTag));
            buyers = labels(trade.asBuyer(), type, document);
            assertThat(List.<Object>copyOf((List<?>) buyers.get("labels"))).containsExactlyInAnyOrder("買側メモ", "要確認");
            assertThat((List<?>) buyers.get("tags")).singleElement()
                    .satisfies(tag -> assertThat(((Map<?, ?>) tag).get("id")).isEqualTo(buyerTag));
            assertThat(buyers.toString()).doesNotContain("売側");
        }

        WebTestClient outsider = client(login(fixtures.company("ラベル部外株式会社").adminLoginId()));
        for (String type : List.of("invoice", "trade")) {
            Object document = type.equals("invoice") ? invoice : note;
            notFound(outsider.get().uri(LABELS, type, document).exchange());
            notFound(put(outsider, type, document, "\"0\"", List.of(), List.of("覗き")));
        }
        notFound(trade.asSeller().get().uri(LABELS, "invoice", note).exchange());
        notFound(trade.asSeller().get().uri(LABELS, "spec-sheet", note).exchange());
        notFound(trade.asSeller().get().uri(LABELS, "trade", UUID.randomUUID()).exchange());
        assertThat(sql.count("SELECT count(*) FROM audit_event WHERE company_id = ? AND action = 'label.document-update'",
                trade.buyer().id())).isEqualTo(2);
        WebTestClient noInvoices = client(login(fixtures.userWith(trade.seller().id(), List.of("document:read"), List.of())));
        assertProblem(noInvoices.get().uri(LABELS, "invoice", invoice).exchange().expectStatus().isForbidden().expectBody(),
                "/problems/permission-denied", 403);
    }

    @Test
    @DisplayName("[PLT-TENANT] [SEC-LABEL] another company's tag ID, even the other party's, is refused 422 naming labelIds and the ID; more than 10 free-form labels 422 naming labels; nothing is written")
    void documentLabelsWhenForeignTagThenRefused() {
        Trade trade = trade("ラベル他社タグ");
        Object note = tradeDocument(trade, "DN-T1", 3_000);
        Object foreign = created(trade.asBuyer(), Map.of("name", "買側のもの")).get("id");

        WebTestClient.BodyContentSpec refused = put(trade.asSeller(), "trade", note, "\"0\"", List.of(foreign), List.of())
                .expectStatus().isEqualTo(422).expectBody();
        assertProblem(refused, "/problems/unprocessable", 422);
        refused.jsonPath("$.errors[0].field").isEqualTo("labelIds")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains(foreign.toString()));
        put(trade.asSeller(), "trade", note, "\"0\"", List.of(UUID.randomUUID()), List.of())
                .expectStatus().isEqualTo(422);
        put(trade.asSeller(), "trade", note, "\"0\"", List.of(),
                List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.errors[0].field").isEqualTo("labels");
        assertThat(labels(trade.asSeller(), "trade", note)).containsEntry("version", 0);
        assertThat(sql.count("SELECT count(*) FROM document_label WHERE document_id = ?::uuid", note)).isZero();
    }

    @Test
    @DisplayName("[PLT-CONC] a label change needs the set's ETag: none is 428, a stale one 412; of 6 concurrent changes from one ETag exactly one wins, and the set is that one's")
    void documentLabelsWhenStaleOrConcurrentThenOneWins() throws Exception {
        Trade trade = trade("ラベル競合");
        Object note = tradeDocument(trade, "DN-C1", 4_000);
        assertProblem(put(trade.asSeller(), "trade", note, null, List.of(), List.of("a")).expectStatus().isEqualTo(428)
                .expectBody(), "/problems/precondition-required", 428);
        put(trade.asSeller(), "trade", note, "\"0\"", List.of(), List.of("一")).expectStatus().isOk();
        assertProblem(put(trade.asSeller(), "trade", note, "\"0\"", List.of(), List.of("二")).expectStatus().isEqualTo(412)
                .expectBody(), "/problems/precondition-failed", 412);

        List<Integer> statuses = Concurrently.all(6, i -> put(trade.asSeller(), "trade", note, "\"1\"", List.of(),
                List.of("並行" + i)).returnResult(Void.class).getStatus().value());
        assertThat(statuses).containsOnly(200, 412).filteredOn(status -> status == 200).hasSize(1);
        Map<String, Object> after = labels(trade.asSeller(), "trade", note);
        assertThat(after).containsEntry("version", 2);
        assertThat((List<?>) after.get("labels")).singleElement().asString().startsWith("並行");
    }

    @Test
    @DisplayName("[SVC-BOOK] [SEC-LABEL] the search finds by tag or free-form label alone and combined with dates, amounts and counterparty; only the caller's company's labels match, never the other party's identical label or another company's")
    void searchWhenLabelledThenFoundByOwnLabelsOnly() {
        Trade trade = trade("ラベル検索");
        Trade other = trade("ラベル検索別");
        Object small = tradeDocument(trade, "DN-S1", 1_000);
        Object large = tradeDocument(trade, "DN-S2", 90_000);
        Object invoice = invoice(trade, 50_000);
        Object elsewhere = tradeDocument(other, "DN-S3", 1_000);
        Object tag = created(trade.asSeller(), Map.of("name", "監査対象")).get("id");
        Object buyerTag = created(trade.asBuyer(), Map.of("name", "監査対象")).get("id");
        put(trade.asSeller(), "trade", small, "\"0\"", List.of(tag), List.of("重要")).expectStatus().isOk();
        put(trade.asSeller(), "invoice", invoice, "\"0\"", List.of(tag), List.of()).expectStatus().isOk();
        put(trade.asSeller(), "trade", large, "\"0\"", List.of(), List.of("重要")).expectStatus().isOk();
        put(trade.asBuyer(), "trade", large, "\"0\"", List.of(buyerTag), List.of("監査")).expectStatus().isOk();
        put(other.asSeller(), "trade", elsewhere, "\"0\"", List.of(), List.of("重要")).expectStatus().isOk();
        String partner = trade.buyer().id().toString();

        assertThat(found(trade.asSeller(), "labelId=" + tag)).containsExactlyInAnyOrder(small, invoice);
        assertThat(found(trade.asSeller(), "label=重要")).containsExactlyInAnyOrder(small, large);
        assertThat(found(trade.asSeller(), "label=重要&labelId=" + tag)).containsExactly(small);
        assertThat(found(trade.asSeller(), "label=重要&minAmount=10000")).containsExactly(large);
        assertThat(found(trade.asSeller(), "labelId=" + tag + "&maxAmount=10000&partnerId=" + partner))
                .containsExactly(small);
        assertThat(found(trade.asSeller(), "labelId=" + tag + "&dateFrom=" + today() + "&dateTo=" + today()))
                .containsExactlyInAnyOrder(small, invoice);
        assertThat(found(trade.asSeller(), "labelId=" + tag + "&dateTo=" + today().minusDays(1))).isEmpty();
        assertThat(found(trade.asSeller(), "labelId=" + tag + "&partnerId=" + other.buyer().id())).isEmpty();
        assertThat(found(trade.asSeller(), "label=監査")).as("the buyer's label").isEmpty();
        assertThat(found(trade.asSeller(), "labelId=" + buyerTag)).as("the buyer's tag").isEmpty();
        assertThat(found(trade.asBuyer(), "label=重要")).as("the seller's labels").isEmpty();
        assertThat(found(trade.asBuyer(), "labelId=" + tag)).as("the seller's tag").isEmpty();
        assertThat(found(trade.asBuyer(), "labelId=" + buyerTag)).containsExactly(large);
        assertThat(found(other.asSeller(), "label=重要")).containsExactly(elsewhere);
    }

    private Object invoice(Trade trade, int unitPrice) {
        trade.asSeller().put().uri("/api/v1/company/invoicing").header("If-Match", "\"0\"").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("registrationNumber", "T7000012050002", "issuerKind", "corporation",
                        "taxRounding", "floor", "paymentTermsDays", 30))
                .exchange();
        return trade.asSeller().post().uri("/api/v1/invoices").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("buyerId", trade.buyer().id().toString(),
                        "lines", List.of(Map.of("description", "部品", "quantity", "1", "unitPrice", String.valueOf(unitPrice),
                                "taxCategory", "standard-10"))))
                .exchange().expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody().get("id");
    }

    private Object tradeDocument(Trade trade, String number, long amount) {
        return trade.asSeller().post().uri("/api/v1/trade-documents").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("receiverId", trade.buyer().id().toString(), "kind", "delivery-note",
                        "number", number, "transactionDate", today().toString(), "amount", amount, "title", "納品 " + number))
                .exchange().expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody().get("id");
    }

    private static Map<String, Object> created(WebTestClient client, Map<String, Object> tag) {
        return client.post().uri(VOCABULARY).contentType(MediaType.APPLICATION_JSON).bodyValue(tag)
                .exchange().expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    private static List<Object> names(WebTestClient client) {
        List<?> items = (List<?>) client.get().uri(VOCABULARY).exchange().expectStatus().isOk().expectBody(JSON_OBJECT)
                .returnResult().getResponseBody().get("items");
        return items.stream().map(item -> ((Map<?, ?>) item).get("name")).map(Object.class::cast).toList();
    }

    private static Map<String, Object> labels(WebTestClient client, String type, Object document) {
        return client.get().uri(LABELS, type, document).exchange().expectStatus().isOk().expectBody(JSON_OBJECT)
                .returnResult().getResponseBody();
    }

    private static WebTestClient.ResponseSpec put(WebTestClient client, String type, Object document, String ifMatch,
                                                  List<Object> tags, List<String> texts) {
        WebTestClient.RequestBodySpec request = client.put().uri(LABELS, type, document);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("labelIds", tags, "labels", texts))
                .exchange();
    }

    private static List<Object> found(WebTestClient client, String query) {
        List<?> items = (List<?>) client.get().uri("/api/v1/documents?limit=200&" + query).exchange().expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody().get("items");
        return items.stream().map(item -> ((Map<?, ?>) item).get("documentId")).map(Object.class::cast).toList();
    }

    private static void notFound(WebTestClient.ResponseSpec answer) {
        assertProblem(answer.expectStatus().isNotFound().expectBody(), "/problems/not-found", 404);
    }
}
