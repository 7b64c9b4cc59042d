package jp.btob.platform.identity;

import java.time.Duration;
import java.util.List;

import jp.btob.platform.demo.DemoData;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.LoginSteps;
import jp.btob.platform.support.Sql;
import jp.btob.platform.support.TwoInstanceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Two instances of the platform on one database: lockout counts and sessions are the database's, not an instance's. */
class TwoInstanceTests extends TwoInstanceTest {

    private static final String WRONG = "Wrong#Guess-2026";

    private final Sql sql = new Sql(DATABASE);

    @Test
    @DisplayName("[DR-HA] 20 wrong passwords at once, half through each instance, count exactly 5; the lock reached holds on both, for the right password too")
    void lockoutWhenAttemptsOnBothInstancesThenOneExactCount() throws Exception {
        TestCompany c = fixtures.company("株式会社二台施錠");

        List<Integer> statuses = LoginSteps.concurrently(20, i -> i % 2 == 0 ? client() : b.client(), c.staffLoginId(), WRONG);

        assertThat(statuses).containsOnly(401);
        assertThat(sql.count("SELECT l.failures FROM login_lockout l JOIN app_user u ON u.id = l.user_id WHERE u.login_id = ?",
                c.staffLoginId())).isEqualTo(5);
        assertThat(LoginSteps.refused(b.client(), c.staffLoginId(), DemoData.PASSWORD).status()).isEqualTo(401);
        assertThat(LoginSteps.refused(client(), c.staffLoginId(), DemoData.PASSWORD).status()).isEqualTo(401);
        assertThat(sql.count("SELECT count(*) FROM audit_event WHERE company_id = ? AND action = 'auth.lockout'", c.id()))
                .isOne();
    }

    @Test
    @DisplayName("[DR-HA] a lockout reached through instance A holds on B")
    void lockoutWhenReachedOnAThenHoldsOnB() {
        TestCompany c = fixtures.company("株式会社A施錠");
        for (int i = 0; i < 5; i++) {
            assertThat(LoginSteps.refused(client(), c.staffLoginId(), WRONG).status()).isEqualTo(401);
        }
        assertThat(LoginSteps.refused(b.client(), c.staffLoginId(), DemoData.PASSWORD).status()).isEqualTo(401);
    }

    @Test
    @DisplayName("[DR-HA] a session opened on B works on A; ended on A (logout, or by its owner) it is refused on B within one second")
    void sessionWhenEndedOnAThenRefusedOnB() {
        TestCompany c = fixtures.company("株式会社二台終了");
        String token = loginOn(b.client(), c.staffLoginId());
        client(token).get().uri("/api/v1/me").exchange().expectStatus().isOk();
        b.client(token).get().uri("/api/v1/me").exchange().expectStatus().isOk();

        client(token).post().uri("/api/v1/auth/logout").exchange().expectStatus().isNoContent();
        assertRefusedWithinOneSecond(b.client(token));

        String kept = loginOn(b.client(), c.staffLoginId());
        String other = loginOn(b.client(), c.staffLoginId());
        b.client(other).get().uri("/api/v1/me").exchange().expectStatus().isOk();
        java.util.UUID otherId = (java.util.UUID) sql.rows("SELECT id FROM user_session WHERE token_hash = ?",
                SessionTokens.hash(other)).get(0).get("id");
        client(kept).delete().uri("/api/v1/me/sessions/{id}", otherId).exchange().expectStatus().isNoContent();
        assertRefusedWithinOneSecond(b.client(other));
        b.client(kept).get().uri("/api/v1/me").exchange().expectStatus().isOk();
    }

    private static void assertRefusedWithinOneSecond(WebTestClient client) {
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        int status;
        do {
            status = client.get().uri("/api/v1/me").exchange().expectBody().returnResult().getStatus().value();
        } while (status != 401 && System.nanoTime() < deadline);
        assertThat(status).as("refused on the other instance within one second").isEqualTo(401);
    }

    private static String loginOn(WebTestClient client, String loginId) {
        return (String) client.post().uri("/api/v1/auth/login")
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(java.util.Map.of("loginId", loginId, "password", DemoData.PASSWORD))
                .exchange().expectStatus().isOk()
                .expectBody(java.util.Map.class).returnResult().getResponseBody().get("token");
    }
}
