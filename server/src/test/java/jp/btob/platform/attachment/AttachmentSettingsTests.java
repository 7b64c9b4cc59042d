package jp.btob.platform.attachment;

import java.util.List;
import java.util.Map;

import jp.btob.platform.support.Clamd;
import jp.btob.platform.support.Concurrently;
import jp.btob.platform.support.Sql;
import jp.btob.platform.support.TradeTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.attachment.AttachmentTests.upload;
import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each company's own attachment size limit: set by its administrators within 1 KB and the
 * platform's ceiling, versioned and audited, and applied to its own uploads only.
 */
class AttachmentSettingsTests extends TradeTest {

    private static final String SETTINGS = "/api/v1/attachments/settings";

    /** The platform's {@code btob.attachments.max-size} in the tests: its default, 10 MB. */
    private static final long CEILING = 10L * 1024 * 1024;

    private final Sql sql = new Sql(DATABASE);

    @BeforeEach
    void scannerUp() {
        Clamd.start();
    }

    @Test
    @DisplayName("[SEC-AV] a company administrator sets the company's limit: a file of exactly the limit is kept, one byte more is 413 naming the limit and nothing is kept; the partner company keeps the platform's limit; the change is audited with the limit before and after")
    void limitWhenSetThenEnforcedToTheByteForThatCompanyOnly() {
        Trade trade = trade("添付上限");
        Object quote = sentQuote(trade);
        Map<String, Object> initial = trade.asBuyer().get().uri(SETTINGS).exchange().expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"0\"").expectBody(JSON_OBJECT).returnResult().getResponseBody();
        assertThat(initial).containsEntry("maxSize", (int) CEILING).containsEntry("ceiling", (int) CEILING);

        put(trade.asBuyer(), "\"0\"", 2048).expectStatus().isOk().expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody().jsonPath("$.maxSize").isEqualTo(2048).jsonPath("$.ceiling").isEqualTo((int) CEILING);

        upload(trade.asBuyer(), "quote", quote, "exact.bin", new byte[2048]).expectStatus().isCreated();
        WebTestClient.BodyContentSpec refused = upload(trade.asBuyer(), "quote", quote, "over.bin", new byte[2049])
                .expectStatus().isEqualTo(413).expectBody();
        assertProblem(refused, "/problems/payload-too-large", 413);
        refused.jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("2048 bytes"));
        upload(trade.asSeller(), "quote", quote, "seller.bin", new byte[64 * 1024]).expectStatus().isCreated();
        trade.asSeller().get().uri(SETTINGS).exchange().expectStatus().isOk().expectHeader().valueEquals("ETag", "\"0\"")
                .expectBody().jsonPath("$.maxSize").isEqualTo((int) CEILING);

        assertThat(sql.rows("SELECT filename FROM attachment WHERE document_id = ?::uuid ORDER BY filename", quote))
                .extracting(row -> row.get("filename")).containsExactly("exact.bin", "seller.bin");
        assertThat(sql.rows("SELECT actor_type, details->>'before' AS before, details->>'after' AS after FROM audit_event"
                + " WHERE company_id = ? AND action = 'settings.attachments-update'", trade.buyer().id()))
                .singleElement().satisfies(event -> assertThat(event).containsEntry("actor_type", "USER")
                        .containsEntry("before", String.valueOf(CEILING)).containsEntry("after", "2048"));
    }

    @Test
    @DisplayName("[SEC-AV] [SEC-RBAC] [PLT-CONC] staff get 403 reading or changing the limit; below 1 KB or above the ceiling is 422 naming maxSize; a stale If-Match is 412; of two changes racing on one version exactly one wins; nothing else is saved or audited")
    void limitWhenRefusedThenNothingChanges() throws Exception {
        Trade trade = trade("添付上限拒否");
        WebTestClient asStaff = client(login(trade.buyer().staffLoginId()));

        assertProblem(asStaff.get().uri(SETTINGS).exchange().expectStatus().isForbidden().expectBody(),
                "/problems/permission-denied", 403);
        assertProblem(put(asStaff, "\"0\"", 4096).expectStatus().isForbidden().expectBody(), "/problems/permission-denied", 403);
        for (long outOfRange : List.of(1023L, CEILING + 1)) {
            WebTestClient.BodyContentSpec invalid = put(trade.asBuyer(), "\"0\"", outOfRange).expectStatus().isEqualTo(422).expectBody();
            assertProblem(invalid, "/problems/unprocessable", 422);
            invalid.jsonPath("$.errors[0].field").isEqualTo("maxSize");
        }
        assertProblem(put(trade.asBuyer(), "\"3\"", 4096).expectStatus().isEqualTo(412).expectBody(),
                "/problems/precondition-failed", 412);

        List<Integer> raced = Concurrently.all(2, i -> put(trade.asBuyer(), "\"0\"", 4096 + i).returnResult(byte[].class)
                .getStatus().value());

        assertThat(raced).containsExactlyInAnyOrder(200, 412);
        assertThat(sql.rows("SELECT version FROM company_attachment_settings WHERE company_id = ?", trade.buyer().id()))
                .singleElement().satisfies(row -> assertThat(row).containsEntry("version", 1L));
        assertThat(sql.count("SELECT count(*) FROM audit_event WHERE company_id = ? AND action = 'settings.attachments-update'",
                trade.buyer().id())).isOne();
    }

    @Test
    @DisplayName("[SEC-AV] a limit saved under a higher ceiling than the platform's now is capped by it: read as the ceiling, and a file one byte over the ceiling is refused 413")
    void limitWhenAboveALoweredCeilingThenCapped() {
        Trade trade = trade("添付上限超過");
        Object quote = sentQuote(trade);
        sql.update("INSERT INTO company_attachment_settings (company_id, max_size, version, updated_at, updated_by)"
                + " VALUES (?, ?, 1, now(), ?)", trade.buyer().id(), 100L * 1024 * 1024, trade.buyer().id());

        trade.asBuyer().get().uri(SETTINGS).exchange().expectStatus().isOk().expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody().jsonPath("$.maxSize").isEqualTo((int) CEILING);
        assertProblem(upload(trade.asBuyer(), "quote", quote, "over.bin", new byte[(int) CEILING + 1])
                .expectStatus().isEqualTo(413).expectBody(), "/problems/payload-too-large", 413);
        assertThat(sql.count("SELECT count(*) FROM attachment WHERE document_id = ?::uuid", quote)).isZero();
    }

    private Object sentQuote(Trade trade) {
        return done(trade.asSeller(), draft(trade, "上限の見積"), "send", null).get("id");
    }

    private static WebTestClient.ResponseSpec put(WebTestClient client, String ifMatch, long maxSize) {
        return client.put().uri(SETTINGS).header("If-Match", ifMatch).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("maxSize", maxSize)).exchange();
    }
}
