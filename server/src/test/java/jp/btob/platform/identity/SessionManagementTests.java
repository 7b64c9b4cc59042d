package jp.btob.platform.identity;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Users see and end their own sessions; administrators those of their company's users, and no one else's. */
class SessionManagementTests extends IntegrationTest {

    private final Sql sql = new Sql(DATABASE);

    @Test
    @DisplayName("[SEC-IDLE] a user lists their live sessions, newest first, the current one marked, with address and times but never a token")
    void listWhenOwnSessionsThenShownWithoutTokens() {
        TestCompany c = fixtures.company("株式会社一覧");
        String first = login(c.staffLoginId());
        String second = login(c.staffLoginId());
        String ended = login(c.staffLoginId());
        client(ended).post().uri("/api/v1/auth/logout").exchange().expectStatus().isNoContent();
        login(c.adminLoginId());

        var result = client(second).get().uri("/api/v1/me/sessions").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        List<Map<String, Object>> items = items(client(second).get().uri("/api/v1/me/sessions"));

        assertThat(items).hasSize(2);
        assertThat(items).extracting(item -> item.get("id"))
                .containsExactly(sessionId(second).toString(), sessionId(first).toString());
        assertThat(items).extracting(item -> item.get("current")).containsExactly(true, false);
        assertThat(items.get(0)).containsKeys("createdAt", "lastSeenAt", "expiresAt")
                .containsEntry("loginId", c.staffLoginId()).containsEntry("sourceAddress", "127.0.0.1");
        assertThat(result).doesNotContain(first, second, "token", "hash");
    }

    @Test
    @DisplayName("[SEC-IDLE] a user ends another of their sessions: its token is refused at once, audited as auth.session-end; another user's session is 404 and stays live")
    void endWhenOwnSessionThenRefusedAndOthersNotFound() {
        TestCompany c = fixtures.company("株式会社自己終了");
        TestCompany other = fixtures.company("株式会社他社終了");
        String phone = login(c.staffLoginId());
        String laptop = login(c.staffLoginId());
        String colleague = login(c.adminLoginId());
        String stranger = login(other.staffLoginId());

        client(laptop).delete().uri("/api/v1/me/sessions/{id}", sessionId(colleague)).exchange().expectStatus().isNotFound();
        client(laptop).delete().uri("/api/v1/me/sessions/{id}", sessionId(stranger)).exchange().expectStatus().isNotFound();
        client(laptop).delete().uri("/api/v1/me/sessions/{id}", UUID.randomUUID()).exchange().expectStatus().isNotFound();
        client(laptop).delete().uri("/api/v1/me/sessions/{id}", sessionId(phone)).exchange().expectStatus().isNoContent();

        client(phone).get().uri("/api/v1/me").exchange().expectStatus().isUnauthorized();
        client(laptop).get().uri("/api/v1/me").exchange().expectStatus().isOk();
        client(colleague).get().uri("/api/v1/me").exchange().expectStatus().isOk();
        client(stranger).get().uri("/api/v1/me").exchange().expectStatus().isOk();
        client(laptop).delete().uri("/api/v1/me/sessions/{id}", sessionId(phone)).exchange().expectStatus().isNotFound();
        assertThat(sql.rows("SELECT actor_type, details->>'reason' AS reason FROM audit_event"
                + " WHERE company_id = ? AND action = 'auth.session-end' AND target_id = ?", c.id(), sessionId(phone)))
                .containsExactly(Map.of("actor_type", "USER", "reason", "ENDED_BY_USER"));
    }

    @Test
    @DisplayName("[SEC-IDLE] an administrator lists the company's sessions only and ends a staff user's; staff get 403 on those paths, another company's session is 404")
    void companySessionsWhenAdminThenListAndEnd() {
        TestCompany c = fixtures.company("株式会社管理終了");
        TestCompany other = fixtures.company("株式会社管理他社");
        String admin = login(c.adminLoginId());
        String staff = login(c.staffLoginId());
        String stranger = login(other.staffLoginId());

        List<Map<String, Object>> items = items(client(admin).get().uri("/api/v1/company/sessions"));
        assertThat(items).extracting(item -> item.get("id"))
                .containsExactlyInAnyOrder(sessionId(admin).toString(), sessionId(staff).toString());

        client(staff).get().uri("/api/v1/company/sessions").exchange().expectStatus().isForbidden();
        client(staff).delete().uri("/api/v1/company/sessions/{id}", sessionId(admin)).exchange().expectStatus().isForbidden();
        client(admin).delete().uri("/api/v1/company/sessions/{id}", sessionId(stranger)).exchange().expectStatus().isNotFound();
        client(stranger).get().uri("/api/v1/me").exchange().expectStatus().isOk();
        client(admin).get().uri("/api/v1/me").exchange().expectStatus().isOk();

        client(admin).delete().uri("/api/v1/company/sessions/{id}", sessionId(staff)).exchange().expectStatus().isNoContent();
        client(staff).get().uri("/api/v1/me").exchange().expectStatus().isUnauthorized();
        assertThat(sql.rows("SELECT actor_id, details->>'reason' AS reason FROM audit_event"
                + " WHERE company_id = ? AND action = 'auth.session-end' AND target_id = ?", c.id(), sessionId(staff)))
                .containsExactly(Map.of("actor_id", userId(c.adminLoginId()), "reason", "ENDED_BY_ADMIN"));
        assertThat(items(client(admin).get().uri("/api/v1/company/sessions"))).extracting(item -> item.get("id"))
                .containsExactly(sessionId(admin).toString());
    }

    @Test
    @DisplayName("[SEC-IDLE] a session after logout is refused with 401, and is gone from the user's list")
    void logoutWhenDoneThenSessionRefused() {
        TestCompany c = fixtures.company("株式会社ログアウト");
        String token = login(c.staffLoginId());
        String other = login(c.staffLoginId());
        client(token).post().uri("/api/v1/auth/logout").exchange().expectStatus().isNoContent();

        client(token).get().uri("/api/v1/me").exchange().expectStatus().isUnauthorized();
        client(token).get().uri("/api/v1/me/sessions").exchange().expectStatus().isUnauthorized();
        assertThat(items(client(other).get().uri("/api/v1/me/sessions"))).extracting(item -> item.get("id"))
                .containsExactly(sessionId(other).toString());
    }

    private static List<Map<String, Object>> items(org.springframework.test.web.reactive.server.WebTestClient.RequestHeadersSpec<?> request) {
        Map<String, Object> body = request.exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) body.get("items");
        return items;
    }

    private UUID sessionId(String token) {
        return (UUID) sql.rows("SELECT id FROM user_session WHERE token_hash = ?", SessionTokens.hash(token)).get(0).get("id");
    }

    private UUID userId(String loginId) {
        return (UUID) sql.rows("SELECT id FROM app_user WHERE login_id = ?", loginId).get(0).get("id");
    }
}
