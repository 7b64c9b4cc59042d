package jp.btob.platform.identity;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jp.btob.platform.demo.DemoData;
import jp.btob.platform.demo.DemoData.DemoUser;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.SecuritySettingsSteps;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Sessions: which tokens open the API, and that every way a session ends really ends it. */
class SessionTests extends IntegrationTest {

    private static final String ME = "/api/v1/me";

    private static final String COOKIE = "BTOB_SESSION";

    private static final DemoUser BUYER_ADMIN = DemoData.USERS.get(0);

    private static final DemoUser SELLER_ADMIN = DemoData.USERS.get(2);

    private static final DemoUser SELLER_STAFF = DemoData.USERS.get(3);

    @Autowired
    private DatabaseClient db;

    @Test
    @DisplayName("[PLT-TENANT] the bearer token opens /me as the user who logged in, in UTC")
    void bearerTokenThenMeShowsTheUser() {
        String token = login(BUYER_ADMIN.loginId());
        client(token).get().uri(ME)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo(BUYER_ADMIN.id().toString())
                .jsonPath("$.loginId").isEqualTo(BUYER_ADMIN.loginId())
                .jsonPath("$.roles[0].key").isEqualTo("company-admin")
                .jsonPath("$.roles.length()").isEqualTo(1)
                .jsonPath("$.permissions").value(permissions -> assertThat((List<String>) permissions)
                        .contains("admin:users", "invoice:issue").noneMatch(name -> name.startsWith("screen:")))
                .jsonPath("$.screens").value(screens -> assertThat((List<String>) screens)
                        .contains("screen:admin", "screen:invoices").allMatch(name -> name.startsWith("screen:")))
                .jsonPath("$.company.companyId").isEqualTo(DemoData.BUYER.id().toString())
                .jsonPath("$.company.code").isEqualTo("BUYR-0001")
                .jsonPath("$.lastLoginAt").value(at -> assertThat((String) at).endsWith("Z"));
    }

    @Test
    @DisplayName("[PLT-UI] the session cookie alone opens the API, as Swagger UI's try-it-out sends it")
    void cookieAloneThenMeShowsTheUser() {
        String token = login(SELLER_ADMIN.loginId());
        client().get().uri(ME)
                .cookie(COOKIE, token)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo(SELLER_ADMIN.id().toString());
    }

    @Test
    @DisplayName("[PLT-ERR] after logout the cookie is cleared and the replayed token is refused, as bearer and as cookie")
    void logoutThenReplayedTokenRefusedAsBearerAndCookie() {
        String token = login(BUYER_ADMIN.loginId());
        String other = login(BUYER_ADMIN.loginId());

        client(token).post().uri("/api/v1/auth/logout")
                .exchange()
                .expectStatus().isNoContent()
                .expectCookie().maxAge(COOKIE, Duration.ZERO)
                .expectCookie().valueEquals(COOKIE, "")
                .expectCookie().path(COOKIE, "/")
                .expectCookie().httpOnly(COOKIE, true)
                .expectCookie().secure(COOKIE, true)
                .expectBody().isEmpty();

        assertUnauthenticated(client(token).get().uri(ME));
        assertUnauthenticated(client().get().uri(ME).cookie(COOKIE, token));
        assertUnauthenticated(client(token).post().uri("/api/v1/auth/logout"));
        assertThat(meId(client(other))).as("the user's other session lives on").isEqualTo(BUYER_ADMIN.id());
        Long ended = db.sql("SELECT count(*) AS n FROM user_session WHERE token_hash = :hash AND ended_at IS NOT NULL")
                .bind("hash", LoginTests.sha256(token))
                .map((row, meta) -> row.get("n", Long.class)).one().block();
        assertThat(ended).as("the end is recorded in the database").isOne();
    }

    @Test
    @DisplayName("[SEC-TIME] a session works until its 12 hours on the platform clock are over, and not a minute after")
    void sessionWhenPastLifetimeThenRefused() {
        // The idle timeout off, so that only the lifetime can end the session.
        TestCompany company = fixtures.company("寿命テスト株式会社");
        SecuritySettingsSteps.change(client(login(company.adminLoginId())),
                form -> SecuritySettingsSteps.set(form, "session.idleTimeoutEnabled", false));
        String token = login(company.staffLoginId());
        clock.advance(Duration.ofHours(12).minusMinutes(1));
        client(token).get().uri(ME).exchange().expectStatus().isOk();

        clock.advance(Duration.ofMinutes(2));
        assertUnauthenticated(client(token).get().uri(ME));
        assertUnauthenticated(client().get().uri(ME).cookie(COOKIE, token));

        String fresh = login(company.staffLoginId());
        client(fresh).get().uri(ME).exchange().expectStatus().isOk();
    }

    @Test
    @DisplayName("[SEC-CODE] garbage, over-long, empty and altered tokens are refused with a Bearer challenge, as header and as cookie")
    void tokenWhenMalformedOrAlteredThenUnauthenticated() {
        String token = login(BUYER_ADMIN.loginId());
        char last = token.charAt(token.length() - 1);
        List<String> forged = List.of(
                "garbage",
                "x".repeat(5000),
                token + "A",
                token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A'),
                swapCase(token),
                Base64.getUrlEncoder().withoutPadding().encodeToString(LoginTests.sha256(token)));
        for (String attack : List.of("' OR 1=1 --", "%00" + token)) {
            // The application firewall may stop these before authentication (SEC-WAF); either way no session.
            for (WebTestClient.RequestHeadersSpec<?> request : List.of(client(attack).get().uri(ME),
                    client().get().uri(ME).header(HttpHeaders.COOKIE, COOKIE + "=" + attack))) {
                Map<?, ?> problem = request.exchange().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectBody(Map.class).returnResult().getResponseBody();
                assertThat(problem.get("type")).as(attack).isIn("/problems/unauthenticated", "/problems/request-blocked");
            }
        }
        for (String bad : forged) {
            assertUnauthenticated(client(bad).get().uri(ME));
            // A raw header, so that the client's cookie rules do not clean the value up first.
            assertUnauthenticated(client().get().uri(ME).header(HttpHeaders.COOKIE, COOKIE + "=" + bad));
        }
        assertUnauthenticated(client().get().uri(ME).header(HttpHeaders.AUTHORIZATION, "Bearer "));
        assertUnauthenticated(client().get().uri(ME).header(HttpHeaders.AUTHORIZATION, "Bearer"));
        assertUnauthenticated(client().get().uri(ME).header(HttpHeaders.AUTHORIZATION, token));
        assertThat(meId(client(token))).as("the real token still works").isEqualTo(BUYER_ADMIN.id());
    }

    @Test
    @DisplayName("[SEC-CODE] HTTP Basic is refused even with the right password, and does not fall back to the cookie")
    void basicAuthorizationThenUnauthenticated() {
        String basic = Base64.getEncoder().encodeToString(
                (BUYER_ADMIN.loginId() + ":" + DemoData.PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertUnauthenticated(client().get().uri(ME).header(HttpHeaders.AUTHORIZATION, "Basic " + basic));

        String token = login(BUYER_ADMIN.loginId());
        assertUnauthenticated(client().get().uri(ME)
                .header(HttpHeaders.AUTHORIZATION, "Basic " + basic)
                .cookie(COOKIE, token));
    }

    @Test
    @DisplayName("[PLT-UI] a stale or invalid session cookie does not stop anyone from logging in again")
    void loginWhenStaleCookieThenLoginStillWorks() {
        String old = login(SELLER_STAFF.loginId());
        client(old).post().uri("/api/v1/auth/logout").exchange().expectStatus().isNoContent().expectBody().isEmpty();

        for (Consumer<WebTestClient.RequestBodySpec> stale : List.<Consumer<WebTestClient.RequestBodySpec>>of(
                spec -> spec.cookie(COOKIE, old),
                spec -> spec.cookie(COOKIE, "garbage"),
                spec -> spec.cookie(COOKIE, "x".repeat(5000)),
                spec -> spec.header(HttpHeaders.AUTHORIZATION, "Bearer " + old))) {
            WebTestClient.RequestBodySpec request = client().post().uri("/api/v1/auth/login");
            stale.accept(request);
            Map<?, ?> session = request.contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("loginId", SELLER_STAFF.loginId(), "password", DemoData.PASSWORD))
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody(Map.class)
                    .returnResult().getResponseBody();
            String token = (String) session.get("token");
            assertThat(token).isNotEqualTo(old);
            assertThat(meId(client(token))).isEqualTo(SELLER_STAFF.id());
        }
    }

    @Test
    @DisplayName("[PLT-TENANT] disabling a user ends their live sessions at once")
    void sessionWhenUserDisabledThenRefusedAtOnce() {
        TestCompany company = fixtures.company("停止テスト株式会社");
        String token = login(company.staffLoginId());
        String colleague = login(company.adminLoginId());
        assertThat(meId(client(token))).isNotNull();

        fixtures.disableUser(company.staffLoginId());

        assertUnauthenticated(client(token).get().uri(ME));
        assertUnauthenticated(client().get().uri(ME).cookie(COOKIE, token));
        assertThat(meId(client(colleague))).as("only that user is shut out").isNotNull();
    }

    @Test
    @DisplayName("[DR-HA] sessions live in the database: a row written elsewhere is honoured, one ended there is refused at once")
    void sessionStateLivesInDatabase() {
        String foreign = "another-instance-" + UUID.randomUUID().toString().replace("-", "");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        db.sql("""
                        INSERT INTO user_session (id, token_hash, user_id, company_id, created_at, last_seen_at, expires_at)
                        VALUES (:id, :hash, :user, :company, :now, :now, :expires)
                        """)
                .bind("id", UUID.randomUUID()).bind("hash", LoginTests.sha256(foreign))
                .bind("user", SELLER_STAFF.id()).bind("company", DemoData.SELLER.id())
                .bind("now", now).bind("expires", now.plus(Duration.ofHours(1)))
                .fetch().rowsUpdated().block();
        assertThat(meId(client(foreign))).as("a session another instance opened").isEqualTo(SELLER_STAFF.id());

        String token = login(SELLER_STAFF.loginId());
        assertThat(meId(client(token))).isEqualTo(SELLER_STAFF.id());
        db.sql("UPDATE user_session SET ended_at = :now WHERE token_hash IN (:a, :b)")
                .bind("now", now).bind("a", LoginTests.sha256(token)).bind("b", LoginTests.sha256(foreign))
                .fetch().rowsUpdated().block();
        assertUnauthenticated(client(token).get().uri(ME));
        assertUnauthenticated(client(foreign).get().uri(ME));
    }

    @Test
    @DisplayName("[PLT-TENANT] concurrent requests of two users never see each other: each token shows its own user")
    void concurrentUsersThenEachTokenShowsItsOwnUser() throws Exception {
        String buyer = login(BUYER_ADMIN.loginId());
        String seller = login(SELLER_STAFF.loginId());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<UUID[]>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                boolean asBuyer = i % 2 == 0;
                results.add(pool.submit(() -> new UUID[] {
                        asBuyer ? BUYER_ADMIN.id() : SELLER_STAFF.id(),
                        meId(client(asBuyer ? buyer : seller))}));
            }
            for (Future<UUID[]> result : results) {
                UUID[] expectedAndSeen = result.get(60, TimeUnit.SECONDS);
                assertThat(expectedAndSeen[1]).isEqualTo(expectedAndSeen[0]);
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("[DR-HA] simultaneous logins of one user all succeed, each with a token of its own")
    void simultaneousLoginsOfOneUserThenDistinctWorkingTokens() throws Exception {
        TestCompany company = fixtures.company("同時ログイン株式会社");
        int logins = 4;
        CyclicBarrier start = new CyclicBarrier(logins);
        ExecutorService pool = Executors.newFixedThreadPool(logins);
        List<String> tokens = new ArrayList<>();
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < logins; i++) {
                results.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return login(company.adminLoginId());
                }));
            }
            for (Future<String> result : results) {
                tokens.add(result.get(60, TimeUnit.SECONDS));
            }
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(new HashSet<>(tokens)).hasSize(logins);
        UUID userId = meId(client(tokens.get(0)));
        for (String token : tokens) {
            assertThat(meId(client(token))).isEqualTo(userId);
        }
        Long sessions = db.sql("SELECT count(*) AS n FROM user_session WHERE user_id = :user AND ended_at IS NULL")
                .bind("user", userId)
                .map((row, meta) -> row.get("n", Long.class)).one().block();
        assertThat(sessions).isEqualTo(logins);
    }

    private static UUID meId(WebTestClient client) {
        Map<?, ?> me = client.get().uri(ME)
                .exchange()
                .expectStatus().isOk()
                .expectBody(Map.class)
                .returnResult().getResponseBody();
        return UUID.fromString((String) me.get("id"));
    }

    /** 401, an RFC 9457 unauthenticated problem, a Bearer challenge, and nothing of any user. */
    private static void assertUnauthenticated(WebTestClient.RequestHeadersSpec<?> request) {
        EntityExchangeResult<Map> result = request.exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(Map.class)
                .returnResult();
        assertThat(result.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
        @SuppressWarnings("unchecked")
        Map<String, Object> problem = result.getResponseBody();
        assertThat(problem.get("type")).isEqualTo("/problems/unauthenticated");
        assertThat(problem.get("status")).isEqualTo(401);
        assertThat(problem).doesNotContainKeys("id", "loginId", "company");
        assertThat(result.getResponseHeaders().get(HttpHeaders.SET_COOKIE)).isNull();
    }

    private static String swapCase(String token) {
        StringBuilder swapped = new StringBuilder();
        for (char c : token.toCharArray()) {
            swapped.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return swapped.toString();
    }
}
