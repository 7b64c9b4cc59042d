package jp.btob.platform.contract;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import jp.btob.platform.support.Clamd;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A contract as a document that files and labels hang on: the drafter's alone until it is first
 * sent, then both parties', never anyone else's; its files scanned and encrypted like every
 * attachment, its labels each party's own.
 */
class ContractFilesAndLabelsTests extends ContractTest {

    private static final String FILES = "/api/v1/documents/contract/{id}/attachments";

    private static final String LABELS = "/api/v1/documents/contract/{id}/labels";

    private final Sql sql = new Sql(DATABASE);

    @Autowired
    private CircuitBreaker clamavCircuitBreaker;

    @BeforeEach
    void scannerUp() {
        Clamd.start();
        clamavCircuitBreaker.reset();
    }

    @Test
    @DisplayName("[SEC-AV] [SEC-ENC] [SVC-CON] the drafter attaches a file to its draft, which the counterparty cannot reach (404) until the contract is sent; then it downloads the very bytes and attaches its own; an outsider gets 404 throughout; the files are ciphertext at rest, and EICAR is still refused and quarantined")
    void contractFilesWhenSentThenCounterpartySeesThem() {
        Trade trade = trade("契約添付");
        Map<String, Object> contract = draft(trade, "秘密保持契約", "第1条 秘密を保持する。");
        Object id = contract.get("id");
        byte[] annex = "別紙A 秘密情報の範囲: 製造図面一式".getBytes(StandardCharsets.UTF_8);
        WebTestClient drafter = trade.asBuyer();
        WebTestClient counterparty = trade.asSeller();
        WebTestClient outsider = client(login(fixtures.company("契約添付部外株式会社").adminLoginId()));

        Map<String, Object> kept = created(upload(drafter, id, "別紙A.txt", annex));
        assertThat(kept).containsEntry("documentType", "contract").containsEntry("documentId", id)
                .containsEntry("status", "available").containsEntry("uploadedBy", trade.buyer().id().toString());
        for (WebTestClient unseen : List.of(counterparty, outsider)) {
            notFound(upload(unseen, id, "先出し.txt", new byte[] {1}));
            notFound(unseen.get().uri(FILES, id).exchange());
            notFound(unseen.get().uri("/api/v1/attachments/{id}", kept.get("id")).exchange());
            notFound(unseen.get().uri("/api/v1/attachments/{id}/content", kept.get("id")).exchange());
        }

        moved(drafter, contract, "send", null);

        assertThat(counterparty.get().uri("/api/v1/attachments/{id}/content", kept.get("id")).exchange()
                .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody()).isEqualTo(annex);
        Object reply = created(upload(counterparty, id, "回答.txt", "修正案あり".getBytes(StandardCharsets.UTF_8))).get("id");
        for (WebTestClient party : List.of(drafter, counterparty)) {
            assertThat(listed(party, id)).containsExactlyInAnyOrder(kept.get("id"), reply);
        }
        notFound(outsider.get().uri(FILES, id).exchange());
        notFound(outsider.get().uri("/api/v1/attachments/{id}/content", reply).exchange());
        notFound(upload(outsider, id, "後出し.txt", new byte[] {1}));

        byte[] stored = (byte[]) sql.rows("SELECT content FROM attachment WHERE id = ?::uuid", kept.get("id")).get(0)
                .get("content");
        assertThat(new String(stored, StandardCharsets.UTF_8)).as("no plaintext at rest").doesNotContain("製造図面");
        assertThat(stored).hasSizeGreaterThan(annex.length);

        assertProblem(upload(counterparty, id, "eicar.com", Clamd.eicar()).expectStatus().isEqualTo(422).expectBody(),
                "/problems/malware-detected", 422);
        assertThat(sql.rows("SELECT status FROM attachment WHERE document_type = 'contract' AND document_id = ?::uuid",
                id)).extracting(row -> row.get("status"))
                .containsExactlyInAnyOrder("AVAILABLE", "AVAILABLE", "QUARANTINED");
        assertThat(listed(drafter, id)).hasSize(3);
    }

    @Test
    @DisplayName("[SEC-AV] [PLT-TENANT] a contract cancelled without ever being sent stays the drafter's only, files included; attaching to a contract needs contract:read as well (403)")
    void contractFilesWhenNeverSentOrNoReadPermissionThenRefused() {
        Trade trade = trade("契約添付取消");
        Map<String, Object> contract = draft(trade, "取消する契約", "第1条 取消");
        Object id = contract.get("id");
        Object file = created(upload(trade.asBuyer(), id, "案.txt", "案".getBytes(StandardCharsets.UTF_8))).get("id");
        moved(trade.asBuyer(), contract, "cancel", reason("取りやめ"));

        notFound(trade.asSeller().get().uri(FILES, id).exchange());
        notFound(trade.asSeller().get().uri("/api/v1/attachments/{id}", file).exchange());
        assertThat(listed(trade.asBuyer(), id)).containsExactly(file);
        WebTestClient noContracts = client(login(fixtures.userWith(trade.buyer().id(),
                List.of("attachment:read", "attachment:write"), List.of())));
        assertProblem(upload(noContracts, id, "x.txt", new byte[] {1}).expectStatus().isForbidden().expectBody(),
                "/problems/permission-denied", 403);
        assertProblem(noContracts.get().uri("/api/v1/attachments/{id}/content", file).exchange().expectStatus()
                .isForbidden().expectBody(), "/problems/permission-denied", 403);
        assertThat(sql.count("SELECT count(*) FROM attachment WHERE document_id = ?::uuid", id)).isOne();
    }

    @Test
    @DisplayName("[SEC-LABEL] [PLT-TENANT] each party labels a contract for itself: the counterparty gets 404 before it is sent and its own empty set after, neither ever reads nor finds by the other's labels in the search, an outsider gets 404, and labels need contract:read (403)")
    void contractLabelsWhenBothPartiesWriteThenEachSeesOnlyItsOwn() {
        Trade trade = trade("契約ラベル");
        Map<String, Object> contract = draft(trade, "基本契約", "第1条 基本");
        Object id = contract.get("id");
        WebTestClient drafter = trade.asBuyer();
        WebTestClient counterparty = trade.asSeller();

        label(drafter, id, "\"0\"", "買側: 法務確認中").expectStatus().isOk().expectHeader().valueEquals("ETag", "\"1\"");
        notFound(counterparty.get().uri(LABELS, id).exchange());
        notFound(label(counterparty, id, "\"0\"", "先回り"));

        moved(drafter, contract, "send", null);

        assertThat(labels(counterparty, id)).containsEntry("version", 0).containsEntry("labels", List.of())
                .containsEntry("documentType", "contract");
        label(counterparty, id, "\"0\"", "売側: 要押印").expectStatus().isOk();
        assertThat(labels(drafter, id)).containsEntry("version", 1).containsEntry("labels", List.of("買側: 法務確認中"));
        assertThat(labels(counterparty, id)).containsEntry("version", 1).containsEntry("labels", List.of("売側: 要押印"));
        assertThat(foundByLabel(drafter, "買側: 法務確認中")).containsExactly(id);
        assertThat(foundByLabel(counterparty, "売側: 要押印")).containsExactly(id);
        assertThat(foundByLabel(drafter, "売側: 要押印")).as("the counterparty's label").isEmpty();
        assertThat(foundByLabel(counterparty, "買側: 法務確認中")).as("the drafter's label").isEmpty();

        WebTestClient outsider = client(login(fixtures.company("契約ラベル部外株式会社").adminLoginId()));
        notFound(outsider.get().uri(LABELS, id).exchange());
        notFound(label(outsider, id, "\"0\"", "覗き"));
        WebTestClient noContracts = client(login(fixtures.userWith(trade.seller().id(),
                List.of("document:read", "document:write"), List.of())));
        assertProblem(noContracts.get().uri(LABELS, id).exchange().expectStatus().isForbidden().expectBody(),
                "/problems/permission-denied", 403);
        assertThat(sql.rows("SELECT company_id FROM document_label WHERE document_type = 'contract'"
                + " AND document_id = ?::uuid", id)).extracting(row -> row.get("company_id"))
                .containsExactlyInAnyOrder(trade.buyer().id(), trade.seller().id());
    }

    private static WebTestClient.ResponseSpec upload(WebTestClient client, Object contractId, String filename,
                                                     byte[] file) {
        return client.post().uri(FILES + "?filename={name}", contractId, filename)
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(file).exchange();
    }

    private static Map<String, Object> created(WebTestClient.ResponseSpec answer) {
        return answer.expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    private static List<Object> listed(WebTestClient client, Object contractId) {
        List<?> items = (List<?>) client.get().uri(FILES + "?limit=100", contractId).exchange().expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody().get("items");
        return items.stream().<Object>map(item -> ((Map<?, ?>) item).get("id")).toList();
    }

    private static WebTestClient.ResponseSpec label(WebTestClient client, Object contractId, String ifMatch,
                                                    String text) {
        return client.put().uri(LABELS, contractId).header("If-Match", ifMatch).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("labelIds", List.of(), "labels", List.of(text))).exchange();
    }

    private static Map<String, Object> labels(WebTestClient client, Object contractId) {
        return client.get().uri(LABELS, contractId).exchange().expectStatus().isOk().expectBody(JSON_OBJECT)
                .returnResult().getResponseBody();
    }

    private static List<Object> foundByLabel(WebTestClient client, String label) {
        List<?> items = (List<?>) client.get().uri("/api/v1/documents?documentType=contract&label={label}", label)
                .exchange().expectStatus().isOk().expectBody(JSON_OBJECT).returnResult().getResponseBody().get("items");
        return items.stream().<Object>map(item -> ((Map<?, ?>) item).get("documentId")).toList();
    }

    private static void notFound(WebTestClient.ResponseSpec answer) {
        assertProblem(answer.expectStatus().isNotFound().expectBody(), "/problems/not-found", 404);
    }
}
