package jp.btob.platform.sso.saml;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.btob.platform.sso.SsoSteps;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.SamlIdp;
import jp.btob.platform.support.SamlResponseBuilder;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SAML sign-in over HTTP (SEC-SSO), the tests playing the browser and the IdP: the platform's
 * AuthnRequest read from its redirect, a response built and signed in answer to it, posted to
 * the assertion consumer service as the browser would.
 */
class SamlSignInTests extends IntegrationTest {

    private static final SamlIdp IDP = SamlIdp.create();

    private final Sql sql = new Sql(DATABASE);

    /** A sign-in under way: what the AuthnRequest asked for, and the browser's binding cookie. */
    private record Started(String requestId, String spEntityId, String acsUrl, String browser) {
    }

    /** A sign-in started through a new SAML provider of a new company. */
    private record UnderWay(TestCompany company, String provider, Started started) {
    }

    private UnderWay underWay(String companyName, SamlIdp idp, String jitRole) {
        TestCompany company = fixtures.company(companyName);
        String provider = register(company, idp, jitRole);
        return new UnderWay(company, provider, start(provider, null));
    }

    private String register(TestCompany company, SamlIdp idp, String jitRole) {
        return (String) SsoSteps.create(client(login(company.adminLoginId())), idp.registration(jitRole, false)).get("id");
    }

    private Started start(String providerId, String relayState) {
        EntityExchangeResult<byte[]> redirect = client().get()
                .uri(uri -> uri.path("/api/v1/sso/saml/{id}/login")
                        .queryParamIfPresent("relayState", Optional.ofNullable(relayState)).build(providerId))
                .exchange()
                .expectStatus().isFound()
                .expectBody().returnResult();
        URI location = redirect.getResponseHeaders().getLocation();
        assertThat(location.toString()).startsWith(SamlIdp.SSO_URL + "&SAMLRequest=");
        String samlRequest = UriComponentsBuilder.fromUri(location).build(true).getQueryParams().getFirst("SAMLRequest");
        String xml = SamlIdp.inflate(URLDecoder.decode(samlRequest, StandardCharsets.UTF_8));
        ResponseCookie cookie = redirect.getResponseCookies().getFirst(SamlController.BROWSER_COOKIE);
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.isSecure()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("None");
        return new Started(find(xml, " ID=\"([^\"]+)\""), find(xml, "<saml:Issuer>([^<]+)</saml:Issuer>"),
                find(xml, "AssertionConsumerServiceURL=\"([^\"]+)\""), cookie.getValue());
    }

    private static String find(String xml, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(xml);
        assertThat(matcher.find()).as("%s in %s", regex, xml).isTrue();
        return matcher.group(1);
    }

    private static SamlResponseBuilder answer(SamlIdp idp, Started started, String nameId) {
        return idp.response(started.spEntityId(), started.acsUrl()).inResponseTo(started.requestId()).nameId(nameId);
    }

    private WebTestClient.ResponseSpec post(String providerId, String samlResponse, String relayState, String browser) {
        var form = BodyInserters.fromFormData("SAMLResponse", samlResponse);
        if (relayState != null) {
            form.with("RelayState", relayState);
        }
        WebTestClient.RequestBodySpec request = client().post().uri("/api/v1/sso/saml/{id}/acs", providerId)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED);
        if (browser != null) {
            request.cookie(SamlController.BROWSER_COOKIE, browser);
        }
        return request.body(form).exchange();
    }

    private String signedIn(WebTestClient.ResponseSpec response) {
        return (String) response.expectStatus().isOk()
                .expectHeader().valueMatches(HttpHeaders.SET_COOKIE, ".*")
                .expectBody(Map.class).returnResult().getResponseBody().get("token");
    }

    private static void failed(WebTestClient.ResponseSpec response) {
        response.expectStatus().isUnauthorized().expectBody().jsonPath("$.type").isEqualTo("/problems/sso-failed");
    }

    /** Asserts the last failed login the company's audit trail holds names this reason. */
    private void audited(UUID companyId, String reason) {
        List<String> failures = sql.rows("SELECT details::text AS details FROM audit_event WHERE company_id = ?"
                + " AND action = 'auth.login' AND outcome = 'FAILURE' ORDER BY seq", companyId).stream()
                .map(row -> (String) row.get("details")).toList();
        assertThat(failures).last().asString().contains(reason);
    }

    @Test
    @DisplayName("[SEC-SSO] SP-initiated SAML sign-in: the AuthnRequest from the redirect, answered by the IdP, posted to the ACS, opens a session that works, audited as an SSO login")
    void signIn() {
        TestCompany company = fixtures.company("SAML 商事");
        String provider = register(company, IDP, null);
        Started started = start(provider, "/orders");

        var response = post(provider, answer(IDP, started, company.staffLoginId()).encoded(), "/orders", started.browser());

        EntityExchangeResult<Map> result = response.expectStatus().isOk().expectBody(Map.class).returnResult();
        assertThat(result.getResponseCookies().getFirst(SamlController.BROWSER_COOKIE).getMaxAge()).isZero();
        assertThat(result.getResponseCookies().getFirst("BTOB_SESSION").getValue()).isEqualTo(result.getResponseBody().get("token"));
        client((String) result.getResponseBody().get("token")).get().uri("/api/v1/me").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.loginId").isEqualTo(company.staffLoginId());
        assertThat(sql.rows("SELECT details::text AS details FROM audit_event WHERE company_id = ? AND action = 'auth.login'"
                + " AND outcome = 'SUCCESS' AND details->>'method' = 'sso'", company.id())).singleElement()
                .satisfies(row -> assertThat((String) row.get("details")).contains("\"sso\"").contains("SAML").contains(provider));
        assertThat(started.acsUrl()).isEqualTo(baseUrl() + "/api/v1/sso/saml/" + provider + "/acs");
        assertThat(started.spEntityId()).isEqualTo(baseUrl() + "/api/v1/sso/saml/companies/" + company.id());
    }

    @Test
    @DisplayName("[SEC-SSO] the same SAML response posted again is refused, and the audit trail says it was a replay")
    void replay() {
        UnderWay signIn = underWay("再送 商事", IDP, null);
        String response = answer(IDP, signIn.started(), signIn.company().staffLoginId()).encoded();
        signedIn(post(signIn.provider(), response, null, signIn.started().browser()));

        failed(post(signIn.provider(), response, null, signIn.started().browser()));

        audited(signIn.company().id(), "SAML_REPLAY");
    }

    @Test
    @DisplayName("[SEC-SSO] login CSRF: a response posted without the cookie of the browser that started the sign-in is refused")
    void otherBrowser() {
        UnderWay signIn = underWay("別ブラウザ 商事", IDP, null);
        String staff = signIn.company().staffLoginId();

        failed(post(signIn.provider(), answer(IDP, signIn.started(), staff).encoded(), null, null));
        failed(post(signIn.provider(), answer(IDP, signIn.started(), staff).encoded(), null, "0".repeat(64)));

        audited(signIn.company().id(), "SAML_IN_RESPONSE_TO");
    }

    @Test
    @DisplayName("[SEC-SSO] a response signed by another key than the provider's configured certificate is refused, whatever its KeyInfo says")
    void forged() {
        UnderWay signIn = underWay("偽造 商事", IDP, null);

        failed(post(signIn.provider(), answer(IDP, signIn.started(), signIn.company().adminLoginId())
                .signedBy(SamlIdp.create()).encoded(), null, signIn.started().browser()));

        audited(signIn.company().id(), "SAML_SIGNATURE");
    }

    @Test
    @DisplayName("[SEC-SSO] a user of company A asserted by company B's IdP is refused: B's provider signs in only B's users")
    void otherCompany() {
        TestCompany a = fixtures.company("A 商事");
        TestCompany b = fixtures.company("B 商事");
        SamlIdp bIdp = SamlIdp.create();
        String bProvider = register(b, bIdp, "staff");
        Started started = start(bProvider, null);

        failed(post(bProvider, answer(bIdp, started, a.adminLoginId()).encoded(), null, started.browser()));

        audited(b.id(), "OTHER_COMPANY");
        assertThat(sql.count("SELECT count(*) FROM user_session s JOIN app_user u ON u.id = s.user_id"
                + " WHERE lower(u.login_id) = lower(?) AND s.created_at > now() - interval '1 minute'", a.adminLoginId()))
                .isZero();
    }

    @Test
    @DisplayName("[SEC-SSO] JIT through SAML: with it on, an unknown login ID becomes a user of the provider's company with the default role; with it off, it is refused")
    void jit() {
        TestCompany company = fixtures.company("JIT 商事");
        String withJit = register(company, IDP, "viewer");
        String newcomer = "saml-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Started started = start(withJit, null);

        String token = signedIn(post(withJit, answer(IDP, started, newcomer).attribute("displayName", "新人 太郎")
                .attribute("mail", newcomer).encoded(), null, started.browser()));

        client(token).get().uri("/api/v1/me").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.loginId").isEqualTo(newcomer)
                .jsonPath("$.displayName").isEqualTo("新人 太郎")
                .jsonPath("$.email").isEqualTo(newcomer)
                .jsonPath("$.company.companyId").isEqualTo(company.id().toString());

        SamlIdp otherIdp = SamlIdp.create();
        UnderWay withoutJit = underWay("JIT なし 商事", otherIdp, null);
        String stranger = "saml-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        failed(post(withoutJit.provider(), answer(otherIdp, withoutJit.started(), stranger).encoded(), null,
                withoutJit.started().browser()));
        audited(withoutJit.company().id(), "UNKNOWN_USER");
        assertThat(sql.count("SELECT count(*) FROM app_user WHERE lower(login_id) = ?", stranger)).isZero();
    }

    @Test
    @DisplayName("[SEC-SSO] JIT without an e-mail attribute: a login ID that is an address becomes the user's e-mail; one that is not is refused (NO_EMAIL) and nobody is created")
    void jitEmail() {
        SamlIdp idp = SamlIdp.create();
        UnderWay byAddress = underWay("JIT メール 商事", idp, "viewer");
        String newcomer = "saml-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

        String token = signedIn(post(byAddress.provider(), answer(idp, byAddress.started(), newcomer).encoded(), null,
                byAddress.started().browser()));

        client(token).get().uri("/api/v1/me").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.email").isEqualTo(newcomer);

        Started again = start(byAddress.provider(), null);
        String employeeNumber = "emp-" + UUID.randomUUID().toString().substring(0, 8);
        failed(post(byAddress.provider(), answer(idp, again, employeeNumber).encoded(), null, again.browser()));
        audited(byAddress.company().id(), "NO_EMAIL");
        assertThat(sql.count("SELECT count(*) FROM app_user WHERE lower(login_id) = ?", employeeNumber)).isZero();
    }

    @Test
    @DisplayName("[SEC-WAF] the firewall lets a signed base64 SAMLResponse through the ACS, and still blocks an attack in its RelayState")
    void firewall() {
        UnderWay signIn = underWay("防御 商事", IDP, null);
        String response = answer(IDP, signIn.started(), signIn.company().staffLoginId()).encoded();

        post(signIn.provider(), response, "<script>alert(document.cookie)</script>", signIn.started().browser())
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("/problems/request-blocked");
        signedIn(post(signIn.provider(), response, null, signIn.started().browser()));
    }

    @Test
    @DisplayName("[SEC-SSO] the SP metadata names the company's entity ID and the provider's ACS URL, wants assertions signed; an OIDC or unknown provider has none")
    void metadata() {
        TestCompany company = fixtures.company("メタデータ 商事");
        String provider = register(company, IDP, null);

        String xml = client().get().uri("/api/v1/sso/saml/{id}/metadata", provider).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("application/samlmetadata+xml")
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(xml).contains("entityID=\"" + baseUrl() + "/api/v1/sso/saml/companies/" + company.id() + "\"")
                .contains("Location=\"" + baseUrl() + "/api/v1/sso/saml/" + provider + "/acs\"")
                .contains("WantAssertionsSigned=\"true\"");
        client().get().uri("/api/v1/sso/saml/{id}/metadata", UUID.randomUUID()).exchange().expectStatus().isNotFound();
        client().get().uri("/api/v1/sso/saml/{id}/login", UUID.randomUUID()).exchange().expectStatus().isNotFound();
        String oidc = (String) SsoSteps.create(client(login(company.adminLoginId())),
                SsoSteps.oidc("https://idp.example.com/saml-test", "platform", "secret-1", null)).get("id");
        client().get().uri("/api/v1/sso/saml/{id}/login", oidc).exchange().expectStatus().isNotFound();
    }
}
