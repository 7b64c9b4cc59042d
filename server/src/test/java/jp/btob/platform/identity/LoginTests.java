package jp.btob.platform.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.demo.DemoData;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;

/** Logging in: what a successful login answers and keeps, and that a failed one tells an attacker nothing. */
class LoginTests extends IntegrationTest {

    private static final String LOGIN = "/api/v1/auth/login";

    private static final String UTC_TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z";

    @Autowired
    private DatabaseClient db;

    @Autowired
    private PasswordHasher hasher;

    @Test
    @DisplayName("[PLT-UI] a login answers a bearer token, its UTC expiry, and the same token in an HttpOnly, Secure, SameSite=Strict cookie")
    void loginWhenCredentialsRightThenTokenAndSecureCookie() {
        EntityExchangeResult<Map> result = client().post().uri(LOGIN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("loginId", "buyer-admin", "password", DemoData.PASSWORD))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectCookie().httpOnly("BTOB_SESSION", true)
                .expectCookie().secure("BTOB_SESSION", true)
                .expectCookie().sameSite("BTOB_SESSION", "Strict")
                .expectCookie().path("BTOB_SESSION", "/")
                .expectCookie().maxAge("BTOB_SESSION", Duration.ofHours(12))
                .expectBody(Map.class)
                .returnResult();
        Map<?, ?> session = result.getResponseBody();

        String token = (String) session.get("token");
        assertThat(token).as("256 random bits, base64url without padding").matches("[A-Za-z0-9_-]{43}");
        assertThat(session.get("tokenType")).isEqualTo("Bearer");
        assertThat((String) session.get("expiresAt")).matches(UTC_TIMESTAMP);
        assertThat(session.get("passwordChangeRequired")).as("the demo users' passwords never expire").isEqualTo(false);
        assertThat(session.get("mfaRequired")).isEqualTo(false);
        List<String> cookies = result.getResponseHeaders().get(HttpHeaders.SET_COOKIE);
        assertThat(cookies).as("exactly one Set-Cookie, for the session").hasSize(1);
        assertThat(cookies.get(0)).startsWith("BTOB_SESSION=" + token + ";");
    }

    @Test
    @DisplayName("[SEC-TIME] the expiry is 12 hours after login by the platform's clock, not the machine's, and in UTC")
    void loginWhenClockMovedThenExpiryFollowsPlatformClock() {
        clock.advance(Duration.ofDays(3));
        Instant before = clock.instant();
        Map<?, ?> session = loginSession("buyer-staff", DemoData.PASSWORD);
        Instant after = clock.instant();

        String expiresAt = (String) session.get("expiresAt");
        assertThat(expiresAt).matches(UTC_TIMESTAMP);
        Instant expiry = OffsetDateTime.parse(expiresAt).toInstant();
        assertThat(expiry).isBetween(before.plus(Duration.ofHours(12)).minusMillis(1),
                after.plus(Duration.ofHours(12)).plusMillis(1));
        Instant createdAt = db.sql("SELECT created_at FROM user_session WHERE token_hash = :hash")
                .bind("hash", sha256((String) session.get("token")))
                .map((row, meta) -> row.get("created_at", Instant.class))
                .one().block();
        assertThat(createdAt).as("stored by the injected clock, 3 days ahead of the machine")
                .isBetween(before.minusMillis(1), after.plusMillis(1));
    }

    @Test
    @DisplayName("[PLT-ERR] a wrong password, an unknown login ID and a disabled user answer the very same 401 problem")
    void loginWhenPasswordWrongThenSameProblemAsUnknownIdAndDisabledUser() {
        TestCompany company = fixtures.company("無効化テスト株式会社");
        fixtures.disableUser(company.staffLoginId());

        EntityExchangeResult<Map> wrongPassword = failedLogin(company.adminLoginId(), DemoData.PASSWORD + "x");
        EntityExchangeResult<Map> unknownId = failedLogin("nobody-" + UUID.randomUUID(), DemoData.PASSWORD);
        EntityExchangeResult<Map> disabled = failedLogin(company.staffLoginId(), DemoData.PASSWORD);

        Map<?, ?> reference = wrongPassword.getResponseBody();
        assertThat(reference.get("type")).isEqualTo("/problems/invalid-credentials");
        assertThat(reference.get("status")).isEqualTo(401);
        assertThat((String) reference.get("title")).isNotBlank();
        assertThat((String) reference.get("detail")).isNotBlank()
                .doesNotContainIgnoringCase("unknown")
                .doesNotContainIgnoringCase("disabled")
                .doesNotContainIgnoringCase("not found");
        for (EntityExchangeResult<Map> other : List.of(unknownId, disabled)) {
            Map<?, ?> problem = other.getResponseBody();
            assertThat(problem.get("type")).isEqualTo(reference.get("type"));
            assertThat(problem.get("title")).isEqualTo(reference.get("title"));
            assertThat(problem.get("status")).isEqualTo(reference.get("status"));
            assertThat(problem.get("detail")).isEqualTo(reference.get("detail"));
            assertThat(problem.keySet()).isEqualTo(reference.keySet());
            assertThat(other.getResponseHeaders().getContentType())
                    .isEqualTo(wrongPassword.getResponseHeaders().getContentType());
            assertThat(other.getResponseHeaders().get(HttpHeaders.WWW_AUTHENTICATE))
                    .isEqualTo(wrongPassword.getResponseHeaders().get(HttpHeaders.WWW_AUTHENTICATE));
        }
        for (EntityExchangeResult<Map> failed : List.of(wrongPassword, unknownId, disabled)) {
            assertThat(failed.getResponseHeaders().get(HttpHeaders.SET_COOKIE)).as("no cookie for a failed login")
                    .isNull();
        }
    }

    @Test
    @DisplayName("[PLT-ERR] an unknown login ID takes as long to refuse as a wrong password, so timing does not reveal accounts")
    void loginWhenIdUnknownThenTakesAsLongAsWrongPassword() {
        // Eight wrong passwords would lock a demo account for the tests after this one.
        String victim = fixtures.company("計時テスト株式会社").adminLoginId();
        failedLogin(victim, "warm-up");
        failedLogin("nobody-warm-up", "warm-up");
        List<Long> wrongPassword = new ArrayList<>();
        List<Long> unknownId = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            wrongPassword.add(timed(() -> failedLogin(victim, "wrong-" + UUID.randomUUID())));
            unknownId.add(timed(() -> failedLogin("nobody-" + UUID.randomUUID(), DemoData.PASSWORD)));
        }
        long wrong = median(wrongPassword);
        long unknown = median(unknownId);
        // Argon2id takes tens of milliseconds; skipping it for unknown IDs would be ten times faster.
        assertThat(unknown).as("median ns for an unknown ID %s vs a wrong password %s", unknownId, wrongPassword)
                .isGreaterThan(wrong * 4 / 10);
    }

    @Test
    @DisplayName("[SEC-CODE] the login ID is case-insensitive, the password is not")
    void loginWhenIdInOtherCaseThenSameUserButPasswordCaseCounts() {
        String token = login("BUYER-Admin");
        client(token).get().uri("/api/v1/me")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo(DemoData.USERS.get(0).id().toString())
                .jsonPath("$.loginId").isEqualTo("buyer-admin");

        Map<?, ?> problem = failedLogin("buyer-admin", DemoData.PASSWORD.toUpperCase()).getResponseBody();
        assertThat(problem.get("type")).isEqualTo("/problems/invalid-credentials");
        problem = failedLogin("buyer-admin", DemoData.PASSWORD.toLowerCase()).getResponseBody();
        assertThat(problem.get("type")).isEqualTo("/problems/invalid-credentials");
    }

    @Test
    @DisplayName("[SEC-CODE] SQL and pattern characters in the login ID are data, never query syntax")
    void loginWhenIdHasSqlOrWildcardsThenInvalidCredentials() {
        for (String loginId : List.of("' OR '1'='1", "buyer-admin' --", "buyer-%", "buyer-_dmin", "%%%",
                "buyer-admin'; UPDATE app_user SET status = 'DISABLED'; --")) {
            // The application firewall may stop the plainest injections first (SEC-WAF); either way no query runs them.
            Map<?, ?> problem = client().post().uri(LOGIN).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("loginId", loginId, "password", DemoData.PASSWORD))
                    .exchange().expectBody(Map.class).returnResult().getResponseBody();
            assertThat(problem.get("type")).as(loginId).isIn("/problems/invalid-credentials", "/problems/request-blocked");
        }
        assertThat(login("buyer-admin")).as("no injected statement ran").isNotBlank();
    }

    @Test
    @DisplayName("[SEC-CODE] an over-long login ID or password is refused by validation before any lookup")
    void loginWhenFieldsTooLongThenValidationProblem() {
        client().post().uri(LOGIN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("loginId", "a".repeat(255), "password", "p".repeat(129)))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/validation")
                .jsonPath("$.errors.length()").isEqualTo(2)
                .jsonPath("$.errors[0].field").isEqualTo("loginId")
                .jsonPath("$.errors[0].code").isEqualTo("too-long")
                .jsonPath("$.errors[1].field").isEqualTo("password")
                .jsonPath("$.errors[1].code").isEqualTo("too-long");
    }

    @Test
    @DisplayName("[DR-HA] the database keeps the SHA-256 of the token only; no table holds the token itself")
    void loginThenDatabaseKeepsOnlyTokenHash() {
        TestCompany company = fixtures.company("ハッシュ確認株式会社");
        UUID userId = userId(company.adminLoginId());
        String token = login(company.adminLoginId());

        List<byte[]> hashes = db.sql("SELECT token_hash FROM user_session WHERE user_id = :user")
                .bind("user", userId)
                .map((row, meta) -> row.get("token_hash", byte[].class))
                .all().collectList().block();
        assertThat(hashes).hasSize(1);
        assertThat(hashes.get(0)).isEqualTo(sha256(token));

        List<String> needles = List.of(token,
                HexFormat.of().formatHex(token.getBytes(StandardCharsets.US_ASCII)),
                HexFormat.of().formatHex(Base64.getUrlDecoder().decode(token)));
        List<String> tables = db.sql("""
                        SELECT table_name FROM information_schema.tables
                        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                        """)
                .map((row, meta) -> row.get("table_name", String.class))
                .all().collectList().block();
        assertThat(tables).contains("user_session", "app_user");
        assertThat(rowsHolding("app_user", company.adminLoginId())).as("the scan finds what is there").isOne();
        assertThat(rowsHolding("user_session", HexFormat.of().formatHex(sha256(token)))).isOne();
        for (String table : tables) {
            for (String needle : needles) {
                assertThat(rowsHolding(table, needle)).as("rows of %s holding the token as %s", table, needle).isZero();
            }
        }
    }

    @Test
    @DisplayName("[SEC-PWPOL] passwords are stored as Argon2id with m=19456, t=2, p=1, salted afresh on every hashing")
    void passwordHashIsArgon2idWithOwaspParameters() {
        TestCompany company = fixtures.company("パスワード確認株式会社");
        List<String> stored = db.sql("SELECT password_hash FROM app_user WHERE login_id IN (:a, 'buyer-admin')")
                .bind("a", company.adminLoginId())
                .map((row, meta) -> row.get("password_hash", String.class))
                .all().collectList().block();
        assertThat(stored).hasSize(2).allSatisfy(hash -> assertThat(hash)
                .startsWith("$argon2id$v=19$m=19456,t=2,p=1$")
                .doesNotContain(DemoData.PASSWORD));

        String first = hasher.hash(DemoData.PASSWORD).block();
        String second = hasher.hash(DemoData.PASSWORD).block();
        assertThat(first).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(first).as("a new salt each time").isNotEqualTo(second);
        assertThat(hasher.matches(DemoData.PASSWORD, second).block()).isTrue();
        assertThat(hasher.matches(DemoData.PASSWORD + " ", second).block()).isFalse();
        assertThat(hasher.matches(DemoData.PASSWORD, null).block()).as("the decoy never matches").isFalse();
    }

    private EntityExchangeResult<Map> failedLogin(String loginId, String password) {
        return client().post().uri(LOGIN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("loginId", loginId, "password", password))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(Map.class)
                .returnResult();
    }

    /** Rows of the table whose text form contains the needle, whatever the column. */
    private long rowsHolding(String table, String needle) {
        return db.sql("SELECT count(*) AS n FROM \"" + table.replace("\"", "\"\"")
                        + "\" t WHERE strpos(lower(t::text), lower(:needle)) > 0")
                .bind("needle", needle)
                .map((row, meta) -> row.get("n", Long.class))
                .one().block();
    }

    private UUID userId(String loginId) {
        return db.sql("SELECT id FROM app_user WHERE login_id = :login")
                .bind("login", loginId)
                .map((row, meta) -> row.get("id", UUID.class))
                .one().block();
    }

    private static long timed(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return System.nanoTime() - start;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
