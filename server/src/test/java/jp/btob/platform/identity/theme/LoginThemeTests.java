package jp.btob.platform.identity.theme;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The anti-phishing login theme: what identify answers for known and unknown IDs, and the user's choice. */
class LoginThemeTests extends IntegrationTest {

    private final Sql sql = new Sql(DATABASE);

    @Test
    @DisplayName("[SEC-THEME] identify answers an existing and an unknown login ID in the same shape, with no hint which is which")
    void sameShapeForExistingAndUnknown() {
        TestCompany company = fixtures.company("株式会社テーマ");
        WebTestClient.ResponseSpec known = identifyResponse(company.staffLoginId());
        WebTestClient.ResponseSpec unknown = identifyResponse("nobody-" + UUID.randomUUID());

        Map<String, Object> a = body(known.expectStatus().isOk().expectHeader().valueEquals("Cache-Control", "no-store"));
        Map<String, Object> b = body(unknown.expectStatus().isOk().expectHeader().valueEquals("Cache-Control", "no-store"));
        assertThat(a.keySet()).isEqualTo(b.keySet()).containsExactly("theme");
        assertThat(theme(a).keySet()).isEqualTo(theme(b).keySet()).containsExactlyInAnyOrder("colour", "pattern");
    }

    @Test
    @DisplayName("[SEC-THEME] an unknown ID's theme is stable, whatever the case of the ID, and different IDs get different themes")
    void derivedThemeStableAndSpread() {
        String id = "unknown-" + UUID.randomUUID();
        Map<String, Object> first = theme(identify(id));

        assertThat(theme(identify(id))).isEqualTo(first);
        assertThat(theme(identify(id.toUpperCase()))).isEqualTo(first);
        Set<Map<String, Object>> seen = new HashSet<>();
        for (int i = 0; i < 24; i++) {
            seen.add(theme(identify("unknown-" + i + "-" + UUID.randomUUID())));
        }
        assertThat(seen).as("48 themes, 24 random IDs").hasSizeGreaterThan(4);
    }

    @Test
    @DisplayName("[SEC-THEME] a chosen theme is what identify shows from then on, it is audited, and a theme outside the palette is refused")
    void chosenThemeShown() {
        TestCompany company = fixtures.company("株式会社テーマ選択");
        WebTestClient session = client(login(company.staffLoginId()));
        Map<String, Object> chosen = Map.of("colour", "TEAL", "pattern", "WAVES");
        Map<String, Object> other = Map.of("colour", "PINK", "pattern", "DOTS");
        Map<String, Object> target = theme(identify(company.staffLoginId())).equals(chosen) ? other : chosen;

        session.put().uri("/api/v1/me/login-theme").contentType(MediaType.APPLICATION_JSON).bodyValue(target)
                .exchange().expectStatus().isOk();

        assertThat(theme(identify(company.staffLoginId()))).isEqualTo(target);
        assertThat(theme(identify(company.staffLoginId().toUpperCase()))).isEqualTo(target);
        assertThat(body(session.get().uri("/api/v1/me/login-theme").exchange().expectStatus().isOk())).isEqualTo(target);
        assertThat(sql.count("SELECT count(*) FROM audit_event e JOIN app_user u ON u.id = e.target_id"
                + " WHERE u.login_id = ? AND e.action = 'auth.login-theme' AND e.details->>'after' = ?",
                company.staffLoginId(), target.get("colour") + "/" + target.get("pattern"))).isEqualTo(1);
        assertProblem(session.put().uri("/api/v1/me/login-theme").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("colour", "BLACK", "pattern", "WAVES")).exchange().expectStatus().isBadRequest()
                .expectBody(), "/problems/validation", 400);
        assertThat(theme(identify(company.staffLoginId()))).isEqualTo(target);
    }

    @Test
    @DisplayName("[SEC-THEME] identify needs no session, and a stale session cookie does not stop it")
    void identifyWithoutSession() {
        client().post().uri("/api/v1/auth/identify").contentType(MediaType.APPLICATION_JSON)
                .cookie("BTOB_SESSION", "stale-token-that-was-never-issued")
                .bodyValue(Map.of("loginId", "buyer-admin"))
                .exchange().expectStatus().isOk();
        client().get().uri("/api/v1/me/login-theme").exchange().expectStatus().isUnauthorized();
    }

    private WebTestClient.ResponseSpec identifyResponse(String loginId) {
        return client().post().uri("/api/v1/auth/identify").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("loginId", loginId)).exchange();
    }

    private Map<String, Object> identify(String loginId) {
        return body(identifyResponse(loginId).expectStatus().isOk());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> theme(Map<String, Object> identified) {
        return (Map<String, Object>) identified.get("theme");
    }

    private static Map<String, Object> body(WebTestClient.ResponseSpec response) {
        return response.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
        }).returnResult().getResponseBody();
    }
}
