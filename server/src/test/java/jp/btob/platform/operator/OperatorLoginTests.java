package jp.btob.platform.operator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.demo.DemoData;
import jp.btob.platform.identity.SessionTokens;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.system.Sha256;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The operators' own login: what it answers and keeps, that it tells an attacker nothing, and that each attempt is audited. */
class OperatorLoginTests extends IntegrationTest {

    private static final String LOGIN = "/api/v1/operator/auth/login";

    private static final UUID PLATFORM_CHAIN = new UUID(0, 0);

    @Autowired
    private DatabaseClient db;

    @Test
    @DisplayName("[OPS-PRIV] the demo operator signs in with the password and the demo app's code: a bearer token and an HttpOnly, Secure, SameSite=Strict cookie for /api/v1/operator only, lasting 1 hour")
    void loginWhenDemoOperatorThenTokenAndOperatorCookie() {
        Map<String, Object> challenge = operatorChallenge(DemoData.OPERATOR.loginId(), DemoData.PASSWORD);
        assertThat(challenge).as("the demo operator's app is enrolled already").doesNotContainKey("totpEnrolment");
        db.sql("UPDATE operator_mfa SET totp_last_step = NULL WHERE operator_id = :id")
                .bind("id", DemoData.OPERATOR.id()).fetch().rowsUpdated().block();
        EntityExchangeResult<Map> result = client().post().uri("/api/v1/operator/auth/mfa")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("challengeId", challenge.get("challengeId"), "code", totpCode(DemoData.OPERATOR_TOTP_SECRET)))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectCookie().httpOnly("BTOB_OPERATOR_SESSION", true)
                .expectCookie().secure("BTOB_OPERATOR_SESSION", true)
                .expectCookie().sameSite("BTOB_OPERATOR_SESSION", "Strict")
                .expectCookie().path("BTOB_OPERATOR_SESSION", "/api/v1/operator")
                .expectCookie().maxAge("BTOB_OPERATOR_SESSION", Duration.ofHours(1))
                .expectBody(Map.class)
                .returnResult();
        String token = (String) result.getResponseBody().get("token");
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(result.getResponseHeaders().get(HttpHeaders.SET_COOKIE)).as("no company session cookie").hasSize(1);

        assertThat(count("SELECT count(*) FROM operator_session WHERE token_hash = :hash AND operator_id = :id",
                Map.of("hash", SessionTokens.hash(token), "id", DemoData.OPERATOR.id())))
                .as("kept as the SHA-256 of the token, in the operators' table").isOne();
        assertThat(count("SELECT count(*) FROM user_session WHERE token_hash = :hash",
                Map.of("hash", SessionTokens.hash(token)))).as("not a company session").isZero();
    }

    @Test
    @DisplayName("[OPS-PRIV] an operator login is audited on the platform chain: actor OPERATOR, operator.login, the session, the client's address")
    void loginWhenSucceedsThenAuditedOnPlatformChain() {
        String loginId = fixtures.operator();
        UUID operatorId = operatorId(loginId);
        operatorLogin(loginId);

        List<Map<String, Object>> events = platformEvents("operator.login", operatorId);
        assertThat(events).hasSize(1);
        assertThat(events.get(0)).containsEntry("actor_type", "OPERATOR")
                .containsEntry("outcome", "SUCCESS")
                .containsEntry("target_type", "operator-session")
                .containsEntry("source_address", "127.0.0.1");
        assertThat(events.get(0).get("company_id")).as("an operator belongs to no company").isNull();
        UUID sessionId = (UUID) events.get(0).get("target_id");
        assertThat(count("SELECT count(*) FROM operator_session WHERE id = :id AND operator_id = :op",
                Map.of("id", sessionId, "op", operatorId))).isOne();
    }

    @Test
    @DisplayName("[OPS-PRIV] a wrong password, an unknown operator ID and a disabled operator answer the very same 401 problem")
    void loginWhenRefusedThenSameProblemWhateverTheReason() {
        String disabled = fixtures.operator();
        fixtures.disableOperator(disabled);
        String active = fixtures.operator();

        Map<?, ?> wrongPassword = refused(active, DemoData.PASSWORD + "x").getResponseBody();
        Map<?, ?> unknown = refused("nobody-" + UUID.randomUUID(), DemoData.PASSWORD).getResponseBody();
        Map<?, ?> disabledOne = refused(disabled, DemoData.PASSWORD).getResponseBody();

        assertThat(wrongPassword.get("type")).isEqualTo("/problems/invalid-credentials");
        for (Map<?, ?> other : List.of(unknown, disabledOne)) {
            assertThat(other.keySet()).isEqualTo(wrongPassword.keySet());
            for (String key : List.of("type", "title", "status", "detail")) {
                assertThat(other.get(key)).as(key).isEqualTo(wrongPassword.get(key));
            }
        }
        assertThat((String) wrongPassword.get("detail")).doesNotContainIgnoringCase("disabled")
                .doesNotContainIgnoringCase("unknown").doesNotContainIgnoringCase("operator");
    }

    @Test
    @DisplayName("[OPS-PRIV] each refused operator login is audited on the platform chain as operator.login FAILURE with its reason; an unknown ID only as its SHA-256, never the password")
    void loginWhenRefusedThenAuditedWithReasonAndNoSecret() {
        String disabled = fixtures.operator();
        fixtures.disableOperator(disabled);
        String active = fixtures.operator();
        String unknownId = "Nobody-" + UUID.randomUUID();
        String typedPassword = "Typed#" + UUID.randomUUID();

        refused(active, typedPassword);
        refused(disabled, DemoData.PASSWORD);
        refused(unknownId, typedPassword);

        Map<String, Object> wrong = single(platformFailures("target_id = :id", Map.of("id", operatorId(active))));
        assertThat(wrong).containsEntry("actor_type", "ANONYMOUS").containsEntry("target_type", "operator");
        assertThat((String) wrong.get("details")).contains("WRONG_PASSWORD");
        Map<String, Object> off = single(platformFailures("target_id = :id", Map.of("id", operatorId(disabled))));
        assertThat((String) off.get("details")).contains("ACCOUNT_DISABLED");
        String hash = HexFormat.of().formatHex(Sha256.of(unknownId.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
        Map<String, Object> unknown = single(platformFailures("details->>'loginIdSha256' = :hash", Map.of("hash", hash)));
        assertThat((String) unknown.get("details")).contains("UNKNOWN_LOGIN_ID");
        assertThat(unknown.get("target_id")).isNull();

        assertThat(count("SELECT count(*) FROM audit_event WHERE content LIKE :needle OR content LIKE :id",
                Map.of("needle", "%" + typedPassword + "%", "id", "%" + unknownId + "%")))
                .as("neither the password nor the unknown ID itself is in the trail").isZero();
    }

    @Test
    @DisplayName("[OPS-PRIV] company accounts cannot sign in at the operators' login, nor the operator at the companies' login")
    void loginWhenOtherRealmsAccountThenRefused() {
        Map<?, ?> companyUser = refused("buyer-admin", DemoData.PASSWORD).getResponseBody();
        assertThat(companyUser.get("type")).isEqualTo("/problems/invalid-credentials");

        client().post().uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("loginId", DemoData.OPERATOR.loginId(), "password", DemoData.PASSWORD))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.type").isEqualTo("/problems/invalid-credentials");
    }

    @Test
    @DisplayName("[OPS-PRIV] after logout the operator token is refused at once, and the logout is audited as operator.logout")
    void logoutThenTokenRefusedAndAudited() {
        String loginId = fixtures.operator();
        String token = operatorLogin(loginId);
        client(token).get().uri("/api/v1/operator/incidents").exchange().expectStatus().isOk();

        client(token).post().uri("/api/v1/operator/auth/logout")
                .exchange()
                .expectStatus().isNoContent()
                .expectCookie().maxAge("BTOB_OPERATOR_SESSION", Duration.ZERO);

        assertProblem(client(token).get().uri("/api/v1/operator/incidents").exchange()
                .expectStatus().isUnauthorized().expectBody(), "/problems/unauthenticated", 401);
        client(token).post().uri("/api/v1/operator/auth/logout").exchange().expectStatus().isUnauthorized();
        List<Map<String, Object>> events = platformEvents("operator.logout", operatorId(loginId));
        assertThat(events).hasSize(1);
        assertThat(events.get(0)).containsEntry("actor_type", "OPERATOR").containsEntry("outcome", "SUCCESS");
    }

    @Test
    @DisplayName("[OPS-PRIV] an operator session ends after its lifetime by the platform's clock, and a disabled operator's live token stops working")
    void sessionWhenExpiredOrOperatorDisabledThenRefused() {
        String token = operatorLogin(fixtures.operator());
        clock.advance(Duration.ofMinutes(61));
        client(token).get().uri("/api/v1/operator/incidents").exchange().expectStatus().isUnauthorized();
        clock.reset();

        String loginId = fixtures.operator();
        String live = operatorLogin(loginId);
        client(live).get().uri("/api/v1/operator/incidents").exchange().expectStatus().isOk();
        fixtures.disableOperator(loginId);
        client(live).get().uri("/api/v1/operator/incidents").exchange().expectStatus().isUnauthorized();
    }

    private EntityExchangeResult<Map> refused(String loginId, String password) {
        return client().post().uri(LOGIN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("loginId", loginId, "password", password))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(Map.class)
                .returnResult();
    }

    private UUID operatorId(String loginId) {
        return db.sql("SELECT id FROM operator_account WHERE login_id = :login")
                .bind("login", loginId)
                .map((row, meta) -> row.get("id", UUID.class))
                .one().block();
    }

    private List<Map<String, Object>> platformEvents(String action, UUID actorId) {
        return db.sql("""
                        SELECT company_id, actor_type, outcome, target_type, target_id, source_address
                        FROM audit_event WHERE chain = :chain AND action = :action AND actor_id = :actor ORDER BY seq
                        """)
                .bind("chain", PLATFORM_CHAIN).bind("action", action).bind("actor", actorId)
                .fetch().all().collectList().block();
    }

    private List<Map<String, Object>> platformFailures(String condition, Map<String, Object> binds) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        SELECT actor_type, target_type, target_id, details::text AS details FROM audit_event
                        WHERE chain = :chain AND action = 'operator.login' AND outcome = 'FAILURE' AND\s""" + condition)
                .bind("chain", PLATFORM_CHAIN);
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec.fetch().all().collectList().block();
    }

    private static Map<String, Object> single(List<Map<String, Object>> rows) {
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private long count(String sql, Map<String, Object> binds) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql);
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec.map((row, meta) -> row.get(0, Long.class)).one().block();
    }
}
