package jp.btob.platform.sso.oidc;

import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import jp.btob.platform.sso.SsoSteps;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A provider under the test's control, for the tokens a real one would not issue (SEC-SSO): one
 * signed by a key the provider never published, one for another client, one with HMAC or no
 * signature, and a key rotation, where the new key is accepted once the key set is read again.
 */
class ForgedProviderTests extends IntegrationTest {

    private static final WireMockServer IDP = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort());

    private static final String CLIENT_ID = "btob-platform";

    private final Sql sql = new Sql(DATABASE);

    @BeforeAll
    static void startProvider() {
        IDP.start();
    }

    @AfterAll
    static void stopProvider() {
        IDP.stop();
    }

    @Test
    @DisplayName("[SEC-SSO] an ID token signed by a key the provider never published, one for another client (aud), one signed with HMAC and one unsigned are refused 401 sso-failed, each audited with its reason")
    void idTokenWhenForgedThenRefused() throws JOSEException {
        TestCompany company = fixtures.company("偽IdP株式会社");
        RSAKey published = key("published");
        RSAKey foreign = key("foreign");
        UUID provider = provider(company, "/forged", new JWKSet(published.toPublicJWK()));

        assertRefused(provider, "/forged", (issuer, nonce) -> signed(foreign, claims(issuer, CLIENT_ID, nonce, company)));
        assertRefused(provider, "/forged", (issuer, nonce) -> signed(published, claims(issuer, "another-client", nonce, company)));
        assertRefused(provider, "/forged", (issuer, nonce) -> {
            SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("published").build(),
                    claims(issuer, CLIENT_ID, nonce, company));
            hmac.sign(new MACSigner(published.toRSAPublicKey().getEncoded()));
            return hmac.serialize();
        });
        assertRefused(provider, "/forged", (issuer, nonce) -> new PlainJWT(
                claims(issuer, CLIENT_ID, nonce, company)).serialize());

        assertThat(failures(company.id())).anySatisfy(details -> assertThat(details).contains("ID_TOKEN_UNKNOWN_KEY"))
                .anySatisfy(details -> assertThat(details).contains("ID_TOKEN_AUDIENCE"))
                .anySatisfy(details -> assertThat(details).contains("ID_TOKEN_ALGORITHM"))
                .anySatisfy(details -> assertThat(details).contains("ID_TOKEN_MALFORMED"));
        assertThat(sql.count("SELECT count(*) FROM audit_event WHERE company_id = ? AND action = 'auth.login'"
                + " AND outcome = 'SUCCESS' AND details->>'method' = 'sso'", company.id())).isZero();
    }

    @Test
    @DisplayName("[SEC-SSO] key rotation: a token signed with a key ID the cached key set lacks has the set read again once, and the provider's new key is accepted")
    void keySetWhenRotatedThenNewKeyAcceptedAfterOneRefetch() throws JOSEException {
        TestCompany company = fixtures.company("鍵更新株式会社");
        RSAKey old = key("2026-old");
        RSAKey rotated = key("2026-new");
        UUID provider = provider(company, "/rotation", new JWKSet(old.toPublicJWK()));
        signIn(provider, "/rotation", (issuer, nonce) -> signed(old, claims(issuer, CLIENT_ID, nonce, company)))
                .expectStatus().isOk();
        int readsBefore = IDP.findAll(getRequestedFor(urlEqualTo("/rotation/jwks"))).size();

        stubKeys("/rotation", new JWKSet(List.of(old.toPublicJWK(), rotated.toPublicJWK())));
        signIn(provider, "/rotation", (issuer, nonce) -> signed(rotated, claims(issuer, CLIENT_ID, nonce, company)))
                .expectStatus().isOk();

        assertThat(IDP.findAll(getRequestedFor(urlEqualTo("/rotation/jwks")))).hasSize(readsBefore + 1);
    }

    private void assertRefused(UUID provider, String path, Token token) {
        assertProblem(signIn(provider, path, token).expectStatus().isUnauthorized().expectBody(), "/problems/sso-failed", 401);
    }

    /** Starts a sign-in, has the provider's token endpoint answer the token made for its nonce, and calls back. */
    private WebTestClient.ResponseSpec signIn(UUID provider, String path, Token token) {
        OidcBrowser browser = new OidcBrowser(client());
        URI authorization = browser.start(provider);
        Map<String, String> query = OidcBrowser.query(authorization);
        String issuer = IDP.baseUrl() + path;
        try {
            IDP.stubFor(post(urlEqualTo(path + "/token")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                    .withBody("{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"id_token\":\""
                            + token.make(issuer, query.get("nonce")) + "\"}")));
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
        return browser.callback(URI.create(baseUrl() + "/api/v1/sso/oidc/callback?code=any-code&state=" + query.get("state")));
    }

    private UUID provider(TestCompany company, String path, JWKSet keys) {
        String issuer = IDP.baseUrl() + path;
        IDP.stubFor(get(urlEqualTo(path + "/.well-known/openid-configuration")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"issuer": "%1$s", "authorization_endpoint": "%1$s/authorize", "token_endpoint": "%1$s/token",
                         "jwks_uri": "%1$s/jwks", "token_endpoint_auth_methods_supported": ["client_secret_basic"]}
                        """.formatted(issuer))));
        stubKeys(path, keys);
        Map<String, Object> body = SsoSteps.oidc(issuer, CLIENT_ID, "client-secret", null);
        return UUID.fromString((String) SsoSteps.create(client(login(company.adminLoginId())), body).get("id"));
    }

    private static void stubKeys(String path, JWKSet keys) {
        IDP.stubFor(get(urlEqualTo(path + "/jwks")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(keys.toString())));
    }

    private static RSAKey key(String id) throws JOSEException {
        return new RSAKeyGenerator(2048).keyID(id).generate();
    }

    private static String signed(RSAKey key, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static JWTClaimsSet claims(String issuer, String audience, String nonce, TestCompany company) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer).subject(UUID.randomUUID().toString()).audience(audience)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).claim("nonce", nonce)
                .claim("email", company.staffLoginId()).build();
    }

    private List<String> failures(UUID companyId) {
        return sql.rows("SELECT details::text AS details FROM audit_event WHERE company_id = ? AND action = 'auth.login'"
                        + " AND outcome = 'FAILURE' ORDER BY seq", companyId).stream()
                .map(row -> String.valueOf(row.get("details"))).toList();
    }

    /** The ID token the forged provider answers, for its issuer and the sign-in's nonce. */
    @FunctionalInterface
    private interface Token {

        String make(String issuer, String nonce) throws JOSEException;
    }
}
