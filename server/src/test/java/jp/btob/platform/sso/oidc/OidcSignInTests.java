package jp.btob.platform.sso.oidc;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.sso.SsoSteps;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.Sql;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.sso.SsoSteps.JSON_OBJECT;
import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in through a real OpenID Connect provider (SEC-SSO), the mock OAuth2 server started
 * on a random port: the authorization code flow with PKCE end to end, just-in-time provisioning,
 * the company rules, and the attacks on the flow (a state replayed, planted in another browser or
 * without its cookie, a token for another client, an expired one, a nonce that does not match).
 */
class OidcSignInTests extends IntegrationTest {

    private static final MockOAuth2Server IDP = new MockOAuth2Server();

    private static final String CLIENT_ID = "btob-platform";

    private final Sql sql = new Sql(DATABASE);

    @BeforeAll
    static void startProvider() {
        IDP.start();
    }

    @AfterAll
    static void stopProvider() {
        IDP.shutdown();
    }

    @Test
    @DisplayName("[SEC-SSO] the code flow signs an existing user in: authorize answers 302 to the provider with S256 PKCE, state and nonce of 256 bits, the callback answers the session as a password login does, and GET /api/v1/me works with it")
    void codeFlowWhenUserExistsThenSessionLikePasswordLogin() {
        TestCompany company = fixtures.company("OIDC株式会社");
        UUID provider = provider(company, "flow", null);
        enqueue("flow", company.staffLoginId(), List.of(CLIENT_ID), 3600);
        OidcBrowser browser = new OidcBrowser(client());

        URI authorization = browser.start(provider);
        Map<String, String> query = OidcBrowser.query(authorization);
        assertThat(query).containsEntry("response_type", "code").containsEntry("client_id", CLIENT_ID)
                .containsEntry("code_challenge_method", "S256").containsKey("code_challenge");
        assertThat(query.get("state")).hasSize(43);
        assertThat(query.get("nonce")).hasSize(43);
        assertThat(query.get("scope")).isIn("openid%20email%20profile", "openid email profile");
        Map<String, Object> session = browser.callback(OidcBrowser.approve(authorization)).expectStatus().isOk()
                .expectHeader().value("Set-Cookie", cookie -> assertThat(cookie).isNotBlank())
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();

        assertThat(session).containsEntry("tokenType", "Bearer").containsEntry("mfaRequired", false)
                .containsEntry("passwordChangeRequired", false);
        client((String) session.get("token")).get().uri("/api/v1/me").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.loginId").isEqualTo(company.staffLoginId());
        assertThat(logins(company.id(), "SUCCESS")).singleElement().satisfies(details -> assertThat(details)
                .contains("\"method\": \"sso\"", "\"kind\": \"OIDC\"", provider.toString()));
    }

    @Test
    @DisplayName("[SEC-SSO] with JIT on, an unknown login ID becomes a user of the provider's company with the default role, audited as user.create; with JIT off it is refused 401 sso-failed and nobody is created")
    void unknownUserWhenJitOnThenProvisionedAndWhenOffThenRefused() {
        TestCompany company = fixtures.company("JIT株式会社");
        UUID jit = provider(company, "jit", "viewer");
        String newcomer = "jit-" + UUID.randomUUID().toString().substring(0, 8) + "@jit.example";
        enqueue("jit", newcomer, List.of(CLIENT_ID), 3600);

        Map<String, Object> session = new OidcBrowser(client()).signIn(jit).expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
        Map<String, Object> me = client((String) session.get("token")).get().uri("/api/v1/me").exchange()
                .expectStatus().isOk().expectBody(JSON_OBJECT).returnResult().getResponseBody();
        assertThat(me).containsEntry("loginId", newcomer);
        assertThat(sql.rows("""
                SELECT u.company_id, r.builtin_key FROM app_user u JOIN user_role ur ON ur.user_id = u.id
                JOIN company_role r ON r.id = ur.role_id WHERE u.login_id = ?""", newcomer))
                .singleElement().satisfies(row -> assertThat(row).containsEntry("company_id", company.id())
                        .containsEntry("builtin_key", "viewer"));
        assertThat(sql.count("SELECT count(*) FROM audit_event WHERE company_id = ? AND action = 'user.create'"
                + " AND details->>'method' = 'sso-jit'", company.id())).isEqualTo(1);

        UUID strict = provider(company, "strict", null);
        String stranger = "stranger-" + UUID.randomUUID().toString().substring(0, 8) + "@jit.example";
        enqueue("strict", stranger, List.of(CLIENT_ID), 3600);
        assertProblem(new OidcBrowser(client()).signIn(strict).expectStatus().isUnauthorized().expectBody(),
                "/problems/sso-failed", 401);
        assertThat(sql.count("SELECT count(*) FROM app_user WHERE login_id = ?", stranger)).isZero();
        assertThat(failures(company.id())).anySatisfy(details -> assertThat(details).contains("UNKNOWN_USER"));
    }

    @Test
    @DisplayName("[SEC-SSO] a user of company A named by company B's provider is refused (even with JIT on), and A's user gets no session")
    void otherCompanysUserWhenNamedThenRefused() {
        TestCompany a = fixtures.company("A社");
        TestCompany b = fixtures.company("B社");
        UUID ofB = provider(b, "tenant-b", "staff");
        enqueue("tenant-b", a.adminLoginId(), List.of(CLIENT_ID), 3600);

        assertProblem(new OidcBrowser(client()).signIn(ofB).expectStatus().isUnauthorized().expectBody(),
                "/problems/sso-failed", 401);
        assertThat(failures(b.id())).anySatisfy(details -> assertThat(details).contains("OTHER_COMPANY")
                .doesNotContain(a.adminLoginId()));
        assertThat(sql.count("SELECT count(*) FROM user_session s JOIN app_user u ON u.id = s.user_id WHERE u.login_id = ?",
                a.adminLoginId())).isZero();
    }

    @Test
    @DisplayName("[SEC-SSO] a disabled user is refused though the provider vouches for them, and a provider's error answer (the user declined) is refused without a token request; both audited with their reason")
    void signInWhenUserDisabledOrProviderErrorThenRefused() {
        TestCompany company = fixtures.company("無効利用者株式会社");
        UUID provider = provider(company, "disabled", "staff");
        String disabled = fixtures.user(company.id(), "STAFF");
        fixtures.disableUser(disabled);
        enqueue("disabled", disabled, List.of(CLIENT_ID), 3600);
        assertProblem(new OidcBrowser(client()).signIn(provider).expectStatus().isUnauthorized().expectBody(),
                "/problems/sso-failed", 401);

        OidcBrowser declined = new OidcBrowser(client());
        String state = OidcBrowser.query(declined.start(provider)).get("state");
        assertProblem(declined.callback(URI.create(baseUrl() + "/api/v1/sso/oidc/callback?error=access_denied&state=" + state))
                .expectStatus().isUnauthorized().expectBody(), "/problems/sso-failed", 401);

        assertThat(failures(company.id())).anySatisfy(details -> assertThat(details).contains("ACCOUNT_DISABLED"))
                .anySatisfy(details -> assertThat(details).contains("PROVIDER_ERROR", "access_denied"));
        assertThat(logins(company.id(), "SUCCESS")).isEmpty();
    }

    @Test
    @DisplayName("[SEC-SSO] a callback replayed (same code and state) is refused: the state was consumed by the first use")
    void callbackWhenReplayedThenRefused() {
        TestCompany company = fixtures.company("再送株式会社");
        UUID provider = provider(company, "replay", null);
        enqueue("replay", company.staffLoginId(), List.of(CLIENT_ID), 3600);
        OidcBrowser browser = new OidcBrowser(client());
        URI callback = OidcBrowser.approve(browser.start(provider));

        browser.callback(callback).expectStatus().isOk();
        assertProblem(browser.callback(callback).expectStatus().isUnauthorized().expectBody(), "/problems/sso-failed", 401);
        assertThat(sql.count("SELECT count(*) FROM audit_event WHERE action = 'auth.login' AND outcome = 'FAILURE'"
                + " AND details->>'reason' = 'STATE_UNKNOWN'")).isPositive();
    }

    @Test
    @DisplayName("[SEC-SSO] login CSRF: a callback without the state cookie, or with the cookie of another browser's sign-in, or with a state never issued, is refused, and a refused state cannot be used again")
    void callbackWhenStateNotThisBrowsersThenRefused() {
        TestCompany company = fixtures.company("偽造株式会社");
        // No token is asked for: each callback is refused before the code is exchanged.
        UUID provider = provider(company, "csrf", null);

        OidcBrowser victim = new OidcBrowser(client());
        URI planted = OidcBrowser.approve(victim.start(provider));
        OidcBrowser attacker = new OidcBrowser(client());
        attacker.start(provider);
        victim.useStateCookieOf(attacker);
        assertProblem(victim.callback(planted).expectStatus().isUnauthorized().expectBody(), "/problems/sso-failed", 401);

        OidcBrowser cookieless = new OidcBrowser(client());
        URI withoutCookie = OidcBrowser.approve(cookieless.start(provider));
        cookieless.forgetStateCookie();
        assertProblem(cookieless.callback(withoutCookie).expectStatus().isUnauthorized().expectBody(), "/problems/sso-failed", 401);

        URI forged = URI.create(baseUrl() + "/api/v1/sso/oidc/callback?code=x&state=" + "A".repeat(43));
        assertProblem(new OidcBrowser(client()).callback(forged).expectStatus().isUnauthorized().expectBody(),
                "/problems/sso-failed", 401);
        assertThat(failures(company.id())).anySatisfy(details -> assertThat(details).contains("STATE_BROWSER_MISMATCH"))
                .anySatisfy(details -> assertThat(details).contains("STATE_COOKIE_MISSING"));
        assertThat(logins(company.id(), "SUCCESS")).isEmpty();
    }

    @Test
    @DisplayName("[SEC-SSO] an expired ID token, or one whose nonce is not this sign-in's, is refused 401 sso-failed, each audited with its reason")
    void idTokenWhenExpiredOrNonceWrongThenRefused() {
        TestCompany company = fixtures.company("検証トークン株式会社");
        UUID provider = provider(company, "tokens", null);

        enqueue("tokens", company.staffLoginId(), List.of(CLIENT_ID), 1);
        OidcBrowser late = new OidcBrowser(client());
        URI callback = OidcBrowser.approve(late.start(provider));
        clock.advance(Duration.ofMinutes(3));
        assertProblem(late.callback(callback).expectStatus().isUnauthorized().expectBody(), "/problems/sso-failed", 401);
        clock.reset();

        enqueue("tokens", company.staffLoginId(), List.of(CLIENT_ID), 3600);
        OidcBrowser tampered = new OidcBrowser(client());
        URI back = OidcBrowser.approve(tampered.start(provider));
        sql.update("UPDATE oidc_sign_in SET nonce = 'another-nonce' WHERE provider_id = ?", provider);
        assertProblem(tampered.callback(back).expectStatus().isUnauthorized().expectBody(), "/problems/sso-failed", 401);

        assertThat(failures(company.id())).anySatisfy(details -> assertThat(details).contains("ID_TOKEN_EXPIRED"))
                .anySatisfy(details -> assertThat(details).contains("ID_TOKEN_NONCE"));
        assertThat(logins(company.id(), "SUCCESS")).isEmpty();
    }

    @Test
    @DisplayName("[SEC-SSO] the company's IP allow-list applies to single sign-on: from outside it the sign-in is refused 401 sso-failed and recorded as ip.block")
    void signInWhenOutsideAllowlistThenRefusedAsIpBlock() {
        TestCompany company = fixtures.company("IP制限SSO株式会社");
        UUID provider = provider(company, "ip", null);
        client(login(company.adminLoginId())).put().uri("/api/v1/company/ip-allowlist").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("entries", List.of(Map.of("cidr", "192.0.2.0/24", "label", "branch")), "confirmLockout", true))
                .exchange().expectStatus().isOk();
        enqueue("ip", company.staffLoginId(), List.of(CLIENT_ID), 3600);

        assertProblem(new OidcBrowser(client()).signIn(provider).expectStatus().isUnauthorized().expectBody(),
                "/problems/sso-failed", 401);
        assertThat(sql.count("SELECT count(*) FROM audit_event WHERE company_id = ? AND action = 'ip.block'"
                + " AND details->>'request' = 'sso'", company.id())).isEqualTo(1);
        assertThat(logins(company.id(), "SUCCESS")).isEmpty();
    }

    @Test
    @DisplayName("[SEC-SSO] SSO-only: the right password of a staff user answers 403 sso-required (a wrong one still 401 invalid-credentials); an administrator's password still works as break-glass, audited with breakGlass and as sso.break-glass")
    void passwordLoginWhenSsoOnlyThenStaffRefusedAndAdminBreakGlass() {
        TestCompany company = fixtures.company("SSO専用株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        provider(company, "only", null);
        SsoSteps.ssoOnly(admin, true);

        WebTestClient.BodyContentSpec refused = client().post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("loginId", company.staffLoginId(), "password", jp.btob.platform.demo.DemoData.PASSWORD))
                .exchange().expectStatus().isForbidden().expectBody();
        assertProblem(refused, "/problems/sso-required", 403);
        client().post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("loginId", company.staffLoginId(), "password", "Wrong-password-1"))
                .exchange().expectStatus().isUnauthorized();

        assertThat(login(company.adminLoginId())).isNotBlank();
        assertThat(sql.count("SELECT count(*) FROM audit_event WHERE company_id = ? AND action = 'auth.login'"
                + " AND outcome = 'SUCCESS' AND details->>'breakGlass' = 'true'", company.id())).isEqualTo(1);
        assertThat(sql.count("SELECT count(*) FROM audit_event WHERE company_id = ? AND action = 'sso.break-glass'",
                company.id())).isEqualTo(1);
        assertThat(sql.count("SELECT count(*) FROM audit_event WHERE company_id = ? AND action = 'auth.login'"
                + " AND outcome = 'FAILURE' AND details->>'reason' = 'SSO_REQUIRED'", company.id())).isEqualTo(1);
    }

    private UUID provider(TestCompany company, String issuerId, String jitRole) {
        WebTestClient admin = client(login(company.adminLoginId()));
        Map<String, Object> body = SsoSteps.oidc(IDP.issuerUrl(issuerId).toString(), CLIENT_ID, "client-secret", jitRole);
        return UUID.fromString((String) SsoSteps.create(admin, body).get("id"));
    }

    /**
     * The provider's next token for the issuer names this login ID in {@code email}, for these
     * audiences. The provider takes queued tokens in order, so enqueue only for a flow that asks for one.
     */
    private static void enqueue(String issuerId, String loginId, List<String> audience, long expirySeconds) {
        IDP.enqueueCallback(new DefaultOAuth2TokenCallback(issuerId, UUID.randomUUID().toString(), "JWT", audience,
                Map.of("email", loginId, "name", "SSO 利用者"), expirySeconds));
    }

    private List<String> logins(UUID companyId, String outcome) {
        return sql.rows("SELECT details::text AS details FROM audit_event WHERE company_id = ? AND action = 'auth.login'"
                        + " AND outcome = ? AND details->>'method' = 'sso' ORDER BY seq", companyId, outcome).stream()
                .map(row -> String.valueOf(row.get("details"))).toList();
    }

    private List<String> failures(UUID companyId) {
        return logins(companyId, "FAILURE");
    }
}
