package jp.btob.platform.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jp.btob.platform.demo.DemoData;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.SecondInstance;
import jp.btob.platform.support.SpecOperations;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static jp.btob.platform.ratelimit.RateLimitSteps.body;
import static jp.btob.platform.ratelimit.RateLimitSteps.freshAddress;
import static jp.btob.platform.ratelimit.RateLimitSteps.header;
import static jp.btob.platform.ratelimit.RateLimitSteps.attempt;
import static jp.btob.platform.ratelimit.RateLimitSteps.me;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate limits on an instance with small ones and local buckets, behind a trusted proxy so
 * that each test speaks from addresses of its own. Sessions are opened on the test's own instance,
 * whose limits are high; the sessions live in the shared database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitTests extends IntegrationTest {

    private static final String WRONG = "Wrong#Guess-2026";

    private final Sql sql = new Sql(DATABASE);

    private SecondInstance limited;

    @BeforeAll
    void startLimitedInstance() {
        limited = secondInstance(Map.of(
                "btob.http.trusted-proxies", "127.0.0.1/32,::1/128",
                "btob.rate-limit.auth.address", "3/1h",
                "btob.rate-limit.read.address", "8/1h",
                "btob.rate-limit.read.caller", "4/1h",
                "btob.rate-limit.read.company", "6/1h"));
    }

    @AfterAll
    void stopLimitedInstance() {
        limited.close();
    }

    @Test
    @DisplayName("[SEC-RATE] the 4th login attempt from one address within the window (limit 3) answers 429 rate-limited with Retry-After and RateLimit-*, even with the right password, unaudited; another address still gets its own 3; identify shares the bucket")
    void loginWhenOverTheAddressLimitThenTooManyRequests() {
        TestCompany company = fixtures.company("株式会社回数制限");
        String guesser = freshAddress();

        for (int attempt = 1; attempt <= 3; attempt++) {
            EntityExchangeResult<byte[]> refused = attempt(limited.client(), guesser, company.staffLoginId(), WRONG);
            assertThat(refused.getStatus().value()).isEqualTo(401);
            assertThat(header(refused, "RateLimit-Limit")).isEqualTo(3);
            assertThat(header(refused, "RateLimit-Remaining")).isEqualTo(3 - attempt);
        }
        EntityExchangeResult<byte[]> limitedAnswer = attempt(limited.client(), guesser, company.staffLoginId(), DemoData.PASSWORD);

        assertThat(limitedAnswer.getStatus().value()).isEqualTo(429);
        assertThat(body(limitedAnswer)).contains("/problems/rate-limited").doesNotContain("token");
        assertThat(header(limitedAnswer, HttpHeaders.RETRY_AFTER)).isBetween(1L, 3600L);
        assertThat(header(limitedAnswer, "RateLimit-Limit")).isEqualTo(3);
        assertThat(header(limitedAnswer, "RateLimit-Remaining")).isZero();
        assertThat(header(limitedAnswer, "RateLimit-Reset")).isBetween(1L, 3600L);
        assertThat(limited.client().post().uri("/api/v1/auth/identify").header("X-Forwarded-For", guesser)
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("loginId", company.staffLoginId())).exchange()
                .expectBody().returnResult().getStatus().value()).isEqualTo(429);
        // The refused attempts are not audited one by one; the three counted ones are.
        assertThat(sql.count("SELECT count(*) FROM audit_event WHERE company_id = ? AND action = 'auth.login'",
                company.id())).isEqualTo(3);

        assertThat(attempt(limited.client(), freshAddress(), company.staffLoginId(), WRONG).getStatus().value())
                .isEqualTo(401);
    }

    @Test
    @DisplayName("[SEC-RATE] 10 login attempts at once from one address (limit 3): exactly 3 are answered, 7 get 429")
    void loginWhenConcurrentFromOneAddressThenExactlyTheLimit() throws Exception {
        String guesser = freshAddress();
        List<Integer> statuses = new ArrayList<>();
        List<java.util.concurrent.CompletableFuture<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            attempts.add(java.util.concurrent.CompletableFuture.supplyAsync(() ->
                    attempt(limited.client(), guesser, "nobody-" + guesser, WRONG).getStatus().value()));
        }
        for (var attempt : attempts) {
            statuses.add(attempt.get());
        }

        assertThat(statuses).filteredOn(status -> status == 401).hasSize(3);
        assertThat(statuses).filteredOn(status -> status == 429).hasSize(7);
    }

    @Test
    @DisplayName("[SEC-RATE] reads under the limits carry RateLimit-* of the tightest bucket: the caller's 4, not the address's 8 or the company's 6")
    void readWhenUnderTheLimitsThenHeadersOfTheTightest() {
        TestCompany company = fixtures.company("株式会社ヘッダー");
        String token = login(company.staffLoginId());
        String address = freshAddress();

        EntityExchangeResult<byte[]> first = me(limited.client(), token, address);
        EntityExchangeResult<byte[]> second = me(limited.client(), token, address);

        assertThat(first.getStatus().value()).isEqualTo(200);
        assertThat(header(first, "RateLimit-Limit")).isEqualTo(4);
        assertThat(header(first, "RateLimit-Remaining")).isEqualTo(3);
        assertThat(header(first, "RateLimit-Reset")).isBetween(1L, 3600L);
        assertThat(first.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNull();
        assertThat(second.getStatus().value()).isEqualTo(200);
        assertThat(header(second, "RateLimit-Remaining")).isEqualTo(2);
    }

    @Test
    @DisplayName("[SEC-RATE] a session's limit (4) holds whichever address it calls from: the 5th read from a 5th address gets 429; a colleague of the same company goes on")
    void callerLimitWhenAddressChangesThenStillCounted() {
        TestCompany company = fixtures.company("株式会社移動");
        String token = login(company.staffLoginId());

        for (int read = 0; read < 4; read++) {
            assertThat(me(limited.client(), token, freshAddress()).getStatus().value()).isEqualTo(200);
        }
        EntityExchangeResult<byte[]> refused = me(limited.client(), token, freshAddress());

        assertThat(refused.getStatus().value()).isEqualTo(429);
        assertThat(body(refused)).contains("/problems/rate-limited");
        assertThat(header(refused, "RateLimit-Limit")).isEqualTo(4);
        assertThat(header(refused, "RateLimit-Remaining")).isZero();
        assertThat(header(refused, HttpHeaders.RETRY_AFTER)).isPositive();
        EntityExchangeResult<byte[]> colleague = me(limited.client(), login(company.adminLoginId()), freshAddress());
        assertThat(colleague.getStatus().value()).isEqualTo(200);
        // The refused read took nothing from the company: 4 of its 6 are used, the colleague's makes 5.
        assertThat(header(colleague, "RateLimit-Limit")).isEqualTo(6);
        assertThat(header(colleague, "RateLimit-Remaining")).isEqualTo(1);
    }

    @Test
    @DisplayName("[SEC-RATE] a company's limit (6) is shared by its users: after 3 reads each, the next gets 429 though the user has reads of their own left; another company is untouched")
    void companyLimitWhenTwoUsersThenSharedAndOtherCompanyUntouched() {
        TestCompany company = fixtures.company("株式会社共有");
        TestCompany other = fixtures.company("株式会社無関係");
        String admin = login(company.adminLoginId());
        String staff = login(company.staffLoginId());

        for (int read = 0; read < 3; read++) {
            assertThat(me(limited.client(), admin, freshAddress()).getStatus().value()).isEqualTo(200);
            assertThat(me(limited.client(), staff, freshAddress()).getStatus().value()).isEqualTo(200);
        }
        EntityExchangeResult<byte[]> refused = me(limited.client(), staff, freshAddress());

        assertThat(refused.getStatus().value()).isEqualTo(429);
        assertThat(header(refused, "RateLimit-Limit")).isEqualTo(6);
        assertThat(header(refused, "RateLimit-Remaining")).isZero();
        assertThat(me(limited.client(), admin, freshAddress()).getStatus().value()).isEqualTo(429);
        EntityExchangeResult<byte[]> untouched = me(limited.client(), login(other.staffLoginId()), freshAddress());
        assertThat(untouched.getStatus().value()).isEqualTo(200);
        assertThat(header(untouched, "RateLimit-Remaining")).isEqualTo(3);
    }

    @Test
    @DisplayName("[SEC-RATE] the address limit comes before authentication: guessed tokens from one address get 401 eight times (limit 8), then 429 without a token lookup")
    void tokenGuessesWhenOverTheAddressLimitThenTooManyRequestsBeforeAuthentication() {
        String guesser = freshAddress();

        for (int guess = 0; guess < 8; guess++) {
            EntityExchangeResult<byte[]> refused = me(limited.client(), "guess-" + guess, guesser);
            assertThat(refused.getStatus().value()).isEqualTo(401);
            assertThat(header(refused, "RateLimit-Remaining")).isEqualTo(7 - guess);
        }
        EntityExchangeResult<byte[]> limitedAnswer = me(limited.client(), "guess-9", guesser);

        assertThat(limitedAnswer.getStatus().value()).isEqualTo(429);
        assertThat(body(limitedAnswer)).contains("/problems/rate-limited");
        assertThat(limitedAnswer.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isNull();
    }

    @Test
    @DisplayName("[SEC-RATE] every operation of every spec documents the 429 a rate limit may answer")
    void everyOperationDocumentsTooManyRequests() {
        List<SpecOperations.SpecOperation> operations = SpecOperations.all();
        assertThat(operations).hasSizeGreaterThanOrEqualTo(50);
        assertThat(operations).allSatisfy(operation -> assertThat(operation.statuses())
                .as(operation.operationId()).contains("429"));
    }
}
