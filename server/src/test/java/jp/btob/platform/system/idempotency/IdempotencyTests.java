package jp.btob.platform.system.idempotency;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.Sql;
import jp.btob.platform.support.TradeTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Idempotent creates: a retry with the same key answers the first answer and creates nothing more. */
class IdempotencyTests extends TradeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Sql sql = new Sql(DATABASE);

    @Autowired
    private IdempotencyPurgeJob purgeJob;

    @Test
    @DisplayName("[PLT-IDEM] a retry with the same key and body answers the first answer again, same ID, status, body and ETag, marked Idempotent-Replayed, and creates nothing")
    void retryWhenSameKeyAndBodyThenFirstAnswerReplayed() {
        Trade trade = trade("冪等再送");
        Map<String, Object> body = draftFor(trade.buyer().id(), "冪等の見積");
        String key = UUID.randomUUID().toString();

        EntityExchangeResult<byte[]> first = create(trade.asSeller(), key, body).expectStatus().isCreated()
                .expectHeader().doesNotExist("Idempotent-Replayed").expectBody().returnResult();
        EntityExchangeResult<byte[]> again = create(trade.asSeller(), key, body).expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotent-Replayed", "true").expectBody().returnResult();

        assertThat(again.getResponseBody()).isEqualTo(first.getResponseBody());
        assertThat(again.getResponseHeaders().getLocation()).isEqualTo(first.getResponseHeaders().getLocation());
        assertThat(again.getResponseHeaders().getETag()).isEqualTo(first.getResponseHeaders().getETag()).isNotNull();
        assertThat(quotes(trade)).isEqualTo(1);
    }

    @Test
    @DisplayName("[PLT-IDEM] the same key with another body, or on another operation path, answers 422 idempotency-key-reused and creates nothing")
    void retryWhenOtherBodyThenUnprocessable() {
        Trade trade = trade("冪等別本文");
        String key = UUID.randomUUID().toString();
        create(trade.asSeller(), key, draftFor(trade.buyer().id(), "最初の見積")).expectStatus().isCreated();

        assertProblem(create(trade.asSeller(), key, draftFor(trade.buyer().id(), "別の見積"))
                .expectStatus().isEqualTo(422).expectBody(), "/problems/idempotency-key-reused", 422);
        assertThat(quotes(trade)).isEqualTo(1);
    }

    @Test
    @DisplayName("[PLT-IDEM] 20 concurrent requests with one key create exactly one quote, and all 20 answers are the same")
    void concurrentWhenSameKeyThenOneDocument() throws Exception {
        Trade trade = trade("冪等同時");
        Map<String, Object> body = draftFor(trade.buyer().id(), "同時の見積");
        String key = UUID.randomUUID().toString();
        int parallel = 20;
        CyclicBarrier start = new CyclicBarrier(parallel);
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        List<CompletableFuture<EntityExchangeResult<byte[]>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < parallel; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return create(trade.asSeller(), key, body).expectBody().returnResult();
                }, pool));
            }
            Set<String> bodies = new HashSet<>();
            Set<Integer> statuses = new HashSet<>();
            for (CompletableFuture<EntityExchangeResult<byte[]>> answer : answers) {
                EntityExchangeResult<byte[]> result = answer.get(60, TimeUnit.SECONDS);
                statuses.add(result.getStatus().value());
                bodies.add(new String(result.getResponseBody(), java.nio.charset.StandardCharsets.UTF_8));
            }
            assertThat(statuses).containsExactly(201);
            assertThat(bodies).hasSize(1);
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(quotes(trade)).isEqualTo(1);
    }

    @Test
    @DisplayName("[PLT-IDEM] keys belong to their caller: another user of the same company sending the same key and body creates a quote of their own")
    void keyWhenOtherCallerThenIndependent() {
        Trade trade = trade("冪等範囲");
        WebTestClient asStaff = client(login(trade.seller().staffLoginId()));
        Map<String, Object> body = draftFor(trade.buyer().id(), "範囲の見積");
        String key = UUID.randomUUID().toString();

        Map<String, Object> mine = create(trade.asSeller(), key, body).expectStatus().isCreated()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
        Map<String, Object> theirs = create(asStaff, key, body).expectStatus().isCreated()
                .expectHeader().doesNotExist("Idempotent-Replayed")
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();

        assertThat(theirs.get("id")).isNotEqualTo(mine.get("id"));
        assertThat(quotes(trade)).isEqualTo(2);
    }

    @Test
    @DisplayName("[PLT-IDEM] a first attempt that fails on the platform's side (500) keeps nothing: the retry with the same key creates the quote")
    void retryWhenFirstFailedThenSucceeds() {
        Trade trade = trade("冪等障害");
        Map<String, Object> body = draftFor(trade.buyer().id(), "障害試験の見積");
        String key = UUID.randomUUID().toString();
        sql.update("""
                CREATE OR REPLACE FUNCTION test_refuse_quote() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'refused by the test'; END $$
                """);
        sql.update("CREATE TRIGGER test_refuse_quote BEFORE INSERT ON quote FOR EACH ROW"
                + " WHEN (NEW.title = '障害試験の見積') EXECUTE FUNCTION test_refuse_quote()");
        try {
            // No operation's contract has a 500, so this one exchange goes past the contract check.
            WebTestClient unchecked = WebTestClient.bindToServer(new ReactorClientHttpConnector(HttpClient.create()
                            .secure(spec -> spec.sslContext(trustingSslContext()))))
                    .baseUrl(baseUrl()).defaultHeader("Authorization", "Bearer " + login(trade.seller().adminLoginId()))
                    .build();
            assertProblem(create(unchecked, key, body).expectStatus().isEqualTo(500).expectBody(), "/problems/internal", 500);
        }
        finally {
            sql.update("DROP TRIGGER test_refuse_quote ON quote");
        }

        create(trade.asSeller(), key, body).expectStatus().isCreated().expectHeader().doesNotExist("Idempotent-Replayed");
        assertThat(quotes(trade)).isEqualTo(1);
    }

    @Test
    @DisplayName("[PLT-IDEM] a refusal (4xx) is kept like a success: the retry answers the same 422, marked replayed, even once the cause is gone")
    void retryWhenFirstRefusedThenRefusalReplayed() {
        Trade trade = trade("冪等拒否");
        UUID stranger = fixtures.company("冪等無関係株式会社").id();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = draftFor(stranger, "取引先でない相手");

        byte[] first = create(trade.asSeller(), key, body).expectStatus().isEqualTo(422).expectBody().returnResult()
                .getResponseBody();
        byte[] again = create(trade.asSeller(), key, body).expectStatus().isEqualTo(422)
                .expectHeader().valueEquals("Idempotent-Replayed", "true").expectBody().returnResult().getResponseBody();

        assertThat(again).isEqualTo(first);
    }

    @Test
    @DisplayName("[PLT-IDEM] keys are kept 24 hours: a day and an hour later the purge removes them, and the key may be used afresh")
    void purgeWhenOlderThanRetentionThenKeyFree() {
        Trade trade = trade("冪等期限");
        String key = UUID.randomUUID().toString();
        create(trade.asSeller(), key, draftFor(trade.buyer().id(), "期限の見積")).expectStatus().isCreated();

        purgeJob.purge().block();
        assertThat(sql.count("SELECT count(*) FROM idempotency_key WHERE idem_key = ?", key)).as("kept for now").isOne();

        clock.advance(Duration.ofHours(25));
        assertThat(purgeJob.purge().block()).isPositive();
        assertThat(sql.count("SELECT count(*) FROM idempotency_key WHERE idem_key = ?", key)).isZero();
        WebTestClient asSeller = client(login(trade.seller().adminLoginId()));
        create(asSeller, key, draftFor(trade.buyer().id(), "別の見積")).expectStatus().isCreated();
    }

    @Test
    @DisplayName("[PLT-IDEM] a retry while the first request still holds the key waits for its answer a bounded time, then answers 409 idempotency-in-progress with Retry-After, creating nothing; a claim left behind ten minutes is purged")
    void retryWhenFirstStillInProgressThenConflictAfterWait() {
        Trade trade = trade("冪等処理中");
        byte[] body = JSON.writeValueAsBytes(draftFor(trade.buyer().id(), "処理中の見積"));
        String key = UUID.randomUUID().toString();
        Object userId = sql.rows("SELECT id FROM app_user WHERE login_id = ?", trade.seller().adminLoginId()).get(0).get("id");
        // As a first request on another instance would have left it: claimed, not yet answered.
        sql.update("""
                INSERT INTO idempotency_key (scope, idem_key, method, path, request_hash, state, created_at)
                VALUES (?, ?, 'POST', '/api/v1/quotes', sha256(?), 'IN_PROGRESS', now())
                """, trade.seller().id() + ":USER:" + userId, key, body);

        long started = System.nanoTime();
        WebTestClient.ResponseSpec answer = trade.asSeller().post().uri("/api/v1/quotes").header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();

        answer.expectStatus().isEqualTo(409).expectHeader().valueEquals("Retry-After", "1");
        assertProblem(answer.expectBody(), "/problems/idempotency-in-progress", 409);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
        assertThat(quotes(trade)).isZero();

        clock.advance(Duration.ofMinutes(11));
        purgeJob.purge().block();
        assertThat(sql.count("SELECT count(*) FROM idempotency_key WHERE idem_key = ?", key)).isZero();
    }

    @Test
    @DisplayName("[PLT-IDEM] every create whose spec declares the header honours it: a retried partner invitation and a retried custom role answer their first answer instead of a conflict or a second role")
    void otherCreatesWhenRetriedThenReplayed() {
        TestCompany inviter = fixtures.company("冪等招待元株式会社");
        TestCompany invitee = fixtures.company("冪等招待先株式会社");
        WebTestClient asAdmin = client(login(inviter.adminLoginId()));
        String inviteKey = UUID.randomUUID().toString();
        String roleKey = UUID.randomUUID().toString();
        for (int attempt = 0; attempt < 2; attempt++) {
            asAdmin.post().uri("/api/v1/companies/{id}/partners", inviter.id()).header("Idempotency-Key", inviteKey)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("partnerCode", invitee.code()))
                    .exchange().expectStatus().isCreated();
            asAdmin.post().uri("/api/v1/admin/roles").header("Idempotency-Key", roleKey)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("name", "冪等の役割", "permissions", List.of("order:read")))
                    .exchange().expectStatus().isCreated();
        }
        assertThat(sql.count("SELECT count(*) FROM partner_connection WHERE inviter_id = ?", inviter.id())).isOne();
        assertThat(sql.count("SELECT count(*) FROM company_role WHERE company_id = ? AND name = '冪等の役割'", inviter.id()))
                .isOne();
    }

    @Test
    @DisplayName("[PLT-IDEM] a key that is not 1 to 255 printable characters answers 400 naming the header")
    void keyWhenInvalidThenBadRequest() {
        Trade trade = trade("冪等不正鍵");
        assertProblem(create(trade.asSeller(), "x".repeat(256), draftFor(trade.buyer().id(), "不正鍵"))
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("Idempotency-Key"), "/problems/validation", 400);
        assertThat(quotes(trade)).isZero();
    }

    private static WebTestClient.ResponseSpec create(WebTestClient client, String key, Map<String, Object> body) {
        return client.post().uri("/api/v1/quotes").header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private long quotes(Trade trade) {
        return sql.count("SELECT count(*) FROM quote WHERE seller_id = ?", trade.seller().id());
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}
