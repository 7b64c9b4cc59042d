package jp.btob.platform.label;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.bookkeeping.DocumentType;
import jp.btob.platform.permission.BuiltInRole;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.TradeTest;
import jp.btob.platform.trade.SharedDocument;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Labels on the kinds of document beyond the trade's own: a company's approval requests, which are
 * its alone, and spec sheets, which both parties label for themselves.
 */
class LabelKindsTests extends TradeTest {

    private static final String LABELS = "/api/v1/documents/{type}/{id}/labels";

    @Test
    @DisplayName("[SEC-LABEL] [SVC-WF] a company labels its own approval request, and every user of it who may read requests reads the same set; another company gets 404 even with the right ID, a user without document:read 403; a request takes no files (404)")
    void workflowRequestWhenLabelledThenTheCompanysOwn() {
        TestCompany company = fixtures.company("申請ラベル株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        admin.post().uri("/api/v1/workflow/routes").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "稟議", "subject", "free-form", "minAmount", 0, "steps", List.of(Map.of(
                        "mode", "any", "userIds", List.of(), "roleIds", List.of(BuiltInRole.COMPANY_ADMIN.id())))))
                .exchange().expectStatus().isCreated();
        WebTestClient applicant = client(login(company.staffLoginId()));
        Object request = applicant.post().uri("/api/v1/workflow/requests").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("subject", "free-form", "title", "出張申請", "amount", 40_000, "body", "大阪出張"))
                .exchange().expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody().get("id");

        put(applicant, "workflow-request", request, "\"0\"", List.of("出張")).expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"");
        WebTestClient viewer = client(login(fixtures.user(company.id(), "VIEWER")));
        assertThat(labels(viewer, "workflow-request", request)).containsEntry("documentType", "workflow-request")
                .containsEntry("labels", List.of("出張")).containsEntry("version", 1);
        put(client(login(fixtures.user(company.id(), "STAFF"))), "workflow-request", request, "\"1\"",
                List.of("出張", "承認待ち"))
                .expectStatus().isOk();

        WebTestClient other = client(login(fixtures.company("申請ラベル他社株式会社").adminLoginId()));
        notFound(other.get().uri(LABELS, "workflow-request", request).exchange());
        notFound(put(other, "workflow-request", request, "\"0\"", List.of("覗き")));
        notFound(admin.get().uri(LABELS, "workflow-request", UUID.randomUUID()).exchange());
        WebTestClient writerOnly = client(login(fixtures.userWith(company.id(), List.of("document:write"), List.of())));
        assertProblem(put(writerOnly, "workflow-request", request, "\"2\"", List.of("無権限")).expectStatus()
                .isForbidden().expectBody(), "/problems/permission-denied", 403);
        assertProblem(writerOnly.get().uri(LABELS, "workflow-request", request).exchange().expectStatus().isForbidden()
                .expectBody(), "/problems/permission-denied", 403);
        assertThat(labels(admin, "workflow-request", request)).containsEntry("version", 2);

        notFound(admin.get().uri("/api/v1/documents/workflow-request/{id}/attachments", request).exchange());
        notFound(applicant.post().uri("/api/v1/documents/workflow-request/{id}/attachments?filename=a.txt", request)
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(new byte[] {1}).exchange());
    }

    @Test
    @DisplayName("[SEC-LABEL] both parties of a spec sheet label it, each seeing only its own set; an outsider gets 404, and a user without spec-sheet:read 403")
    void specSheetWhenLabelledThenEachPartyItsOwn() {
        Trade trade = trade("規格ラベル");
        Object sheet = trade.asBuyer().post().uri("/api/v1/spec-sheets").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("sellerId", trade.seller().id().toString(), "productName", "有機人参ジュース"))
                .exchange().expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody().get("id");

        put(trade.asBuyer(), "spec-sheet", sheet, "\"0\"", List.of("買側: 監査中")).expectStatus().isOk();
        assertThat(labels(trade.asSeller(), "spec-sheet", sheet)).containsEntry("version", 0)
                .containsEntry("labels", List.of());
        put(trade.asSeller(), "spec-sheet", sheet, "\"0\"", List.of("売側: 提出済")).expectStatus().isOk();
        assertThat(labels(trade.asBuyer(), "spec-sheet", sheet)).containsEntry("labels", List.of("買側: 監査中"));
        assertThat(labels(trade.asSeller(), "spec-sheet", sheet)).containsEntry("labels", List.of("売側: 提出済"));

        notFound(client(login(fixtures.company("規格ラベル部外株式会社").adminLoginId())).get()
                .uri(LABELS, "spec-sheet", sheet).exchange());
        WebTestClient noSheets = client(login(fixtures.userWith(trade.buyer().id(), List.of("document:read"), List.of())));
        assertProblem(noSheets.get().uri(LABELS, "spec-sheet", sheet).exchange().expectStatus().isForbidden()
                .expectBody(), "/problems/permission-denied", 403);
    }

    @Test
    @DisplayName("[SEC-LABEL] [SVC-BOOK] every kind the search of kept documents knows is labelled under the very name the search keeps it by, so that a search by label finds it (contracts included, once searched)")
    void searchKindsWhenLabelledThenSameNames() {
        for (DocumentType type : DocumentType.values()) {
            assertThat(Arrays.stream(SharedDocument.values()).map(SharedDocument::value))
                    .as(type.name()).contains(type.value());
        }
    }

    private static Map<String, Object> labels(WebTestClient client, String type, Object document) {
        return client.get().uri(LABELS, type, document).exchange().expectStatus().isOk().expectBody(JSON_OBJECT)
                .returnResult().getResponseBody();
    }

    private static WebTestClient.ResponseSpec put(WebTestClient client, String type, Object document, String ifMatch,
                                                  List<String> texts) {
        return client.put().uri(LABELS, type, document).header("If-Match", ifMatch)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("labelIds", List.of(), "labels", texts))
                .exchange();
    }

    private static void notFound(WebTestClient.ResponseSpec answer) {
        assertProblem(answer.expectStatus().isNotFound().expectBody(), "/problems/not-found", 404);
    }
}
