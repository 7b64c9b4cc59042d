package jp.btob.platform.sso;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.sun.net.httpserver.HttpServer;
import jp.btob.platform.crypto.FieldEncryption;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.sso.SsoSteps.JSON_OBJECT;
import static jp.btob.platform.sso.SsoSteps.PROVIDERS;
import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The company administrators' identity providers and SSO options (SEC-SSO): the client secret
 * is write-only and stored encrypted, what is saved is checked, changes are audited, and a
 * login page sees only the enabled providers' names.
 */
@SuppressWarnings("unchecked")
class IdentityProviderTests extends IntegrationTest {

    private static final String SECRET = "oidc-client-secret-4f8a9c";

    private final Sql sql = new Sql(DATABASE);

    @Autowired
    private FieldEncryption encryption;

    @Test
    @DisplayName("[SEC-SSO] the client secret is never answered (clientSecretSet only), is stored encrypted under the company's key, not in plain, and stays out of the audit trail")
    void clientSecretWhenRegisteredThenWriteOnlyAndEncrypted() {
        TestCompany company = fixtures.company("秘密保管株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));

        Map<String, Object> created = SsoSteps.create(admin, SsoSteps.oidc("https://idp.example.com/t1", "platform", SECRET, "staff"));
        String id = (String) created.get("id");
        String read = admin.get().uri(PROVIDERS + "/{id}", id).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        String listed = admin.get().uri(PROVIDERS).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat((Map<String, Object>) created.get("oidc")).containsEntry("clientSecretSet", true)
                .containsEntry("scopes", List.of("openid", "email", "profile"))
                .containsEntry("redirectUri", baseUrl() + "/api/v1/sso/oidc/callback")
                .doesNotContainKey("clientSecret");
        assertThat(created).containsEntry("jitRole", "staff").containsEntry("enabled", true);
        assertThat(read).contains("clientSecretSet").doesNotContain(SECRET);
        assertThat(listed).contains(id).doesNotContain(SECRET);
        byte[] stored = (byte[]) sql.rows("SELECT client_secret FROM identity_provider WHERE id = ?", UUID.fromString(id))
                .get(0).get("client_secret");
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
        assertThat(new String(encryption.decrypt(company.id(), IdentityProviderRepository.CLIENT_SECRET.aad(UUID.fromString(id)),
                stored).block(), StandardCharsets.UTF_8)).isEqualTo(SECRET);
        List<Map<String, Object>> events = events(company.id(), "sso.provider-create");
        assertThat(events).singleElement().satisfies(event -> assertThat((String) event.get("details"))
                .contains("\"clientSecretSet\": true").doesNotContain(SECRET));
    }

    @Test
    @DisplayName("[SEC-SSO] a change without clientSecret keeps the stored secret; a new one replaces it; the kind cannot change; removal is audited and the provider answers 404 afterwards")
    void providerWhenChangedThenSecretKeptOrReplacedAndKindFixed() {
        TestCompany company = fixtures.company("変更株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        String id = (String) SsoSteps.create(admin, SsoSteps.oidc("https://idp.example.com/t2", "platform", SECRET, null)).get("id");
        byte[] before = secretRow(id);

        Map<String, Object> renamed = SsoSteps.oidc("https://idp.example.com/t2", "platform-2", null, "viewer");
        renamed.put("name", "新しい名前");
        Map<String, Object> changed = admin.put().uri(PROVIDERS + "/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(renamed).exchange().expectStatus().isOk().expectBody(JSON_OBJECT).returnResult().getResponseBody();
        assertThat(changed).containsEntry("name", "新しい名前").containsEntry("jitRole", "viewer");
        assertThat(secretRow(id)).isEqualTo(before);

        admin.put().uri(PROVIDERS + "/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(SsoSteps.oidc("https://idp.example.com/t2", "platform-2", "a-new-secret", null))
                .exchange().expectStatus().isOk();
        assertThat(secretRow(id)).isNotEqualTo(before);

        Map<String, Object> saml = Map.of("name", "SAML", "kind", "SAML", "saml", Map.of("idpEntityId", "https://idp",
                "ssoUrl", "https://idp.example.com/sso", "certificates", List.of(pem())));
        WebTestClient.BodyContentSpec kind = admin.put().uri(PROVIDERS + "/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(saml).exchange().expectStatus().isEqualTo(422).expectBody();
        assertProblem(kind, "/problems/unprocessable", 422);
        kind.jsonPath("$.errors[0].field").isEqualTo("kind");

        admin.delete().uri(PROVIDERS + "/{id}", id).exchange().expectStatus().isNoContent();
        admin.get().uri(PROVIDERS + "/{id}", id).exchange().expectStatus().isNotFound();
        assertThat(events(company.id(), "sso.provider-update")).hasSize(2);
        assertThat(events(company.id(), "sso.provider-delete")).hasSize(1);
    }

    @Test
    @DisplayName("[SEC-SSO] bad settings answer 422 naming each field: a non-http(s) issuer, no secret at registration, SAML settings on an OIDC provider, a certificate that is not X.509, JIT without a role, an unknown role")
    void providerWhenSettingsBrokenThen422NamingEachField() {
        TestCompany company = fixtures.company("検証株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));

        Map<String, Object> broken = SsoSteps.oidc("ftp://idp.example.com", "platform", null, null);
        broken.put("saml", Map.of("idpEntityId", "x"));
        broken.put("jitEnabled", true);
        WebTestClient.BodyContentSpec problem = admin.post().uri(PROVIDERS).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(broken).exchange().expectStatus().isEqualTo(422).expectBody();
        assertProblem(problem, "/problems/unprocessable", 422);
        problem.jsonPath("$.errors[*].field").value(fields -> assertThat((List<Object>) fields)
                .containsExactlyInAnyOrder("jitRole", "saml", "oidc.issuer", "oidc.clientSecret"));

        Map<String, Object> badRole = SsoSteps.oidc("https://idp.example.com", "platform", SECRET, UUID.randomUUID().toString());
        admin.post().uri(PROVIDERS).contentType(MediaType.APPLICATION_JSON).bodyValue(badRole).exchange()
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.errors[0].field").isEqualTo("jitRole");

        Map<String, Object> badCertificate = Map.of("name", "SAML", "kind", "SAML", "saml", Map.of("idpEntityId", "https://idp",
                "ssoUrl", "https://idp.example.com/sso", "certificates", List.of(pem(), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----")));
        admin.post().uri(PROVIDERS).contentType(MediaType.APPLICATION_JSON).bodyValue(badCertificate).exchange()
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.errors[0].field").isEqualTo("saml.certificates[1]");
        assertThat(sql.count("SELECT count(*) FROM identity_provider WHERE company_id = ?", company.id())).isZero();
    }

    @Test
    @DisplayName("[SEC-SSO] SAML metadata fills the entity ID, the HTTP-Redirect SSO URL and the signing certificate; metadata (base64, past the firewall) with a DOCTYPE (XXE) is refused with 422 and nothing is read")
    void samlMetadataWhenGivenThenParsedAndDoctypeRefused() {
        TestCompany company = fixtures.company("メタデータ株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        String certificate = pem().replaceAll("-----[A-Z ]+-----|\\s", "");
        String metadata = metadata(certificate);

        Map<String, Object> created = SsoSteps.create(admin, Map.of("name", "SAML IdP", "kind", "SAML",
                "saml", Map.of("metadata", base64(metadata))));
        assertThat((Map<String, Object>) created.get("saml")).containsEntry("idpEntityId", "https://idp.example.com/saml")
                .containsEntry("ssoUrl", "https://idp.example.com/redirect")
                .containsEntry("allowUnsolicited", false)
                .satisfies(saml -> assertThat((List<?>) saml.get("certificates")).singleElement()
                        .satisfies(pem -> assertThat(((String) pem).replaceAll("-----[A-Z ]+-----|\\s", "")).isEqualTo(certificate)));

        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE md [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + metadata.replace(
                "https://idp.example.com/saml\"", "&x;\"");
        admin.post().uri(PROVIDERS).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "XXE", "kind", "SAML", "saml", Map.of("metadata", base64(xxe))))
                .exchange().expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("saml.metadata")
                .jsonPath("$.detail").value(detail -> assertThat(String.valueOf(detail)).contains("DOCTYPE").doesNotContain("root:"));
    }

    @Test
    @DisplayName("[SEC-SSO] a SAML provider registered by its metadata URL alone gets the entity ID, SSO URL and certificate read from there; a URL that does not answer 2xx is refused 422 naming saml.metadataUrl and nothing is saved")
    void samlMetadataUrlWhenGivenAloneThenRead() throws IOException {
        TestCompany company = fixtures.company("メタデータURL株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        String certificate = pem().replaceAll("-----[A-Z ]+-----|\\s", "");
        HttpServer idp = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        idp.createContext("/saml/metadata", exchange -> {
            byte[] body = metadata(certificate).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/samlmetadata+xml");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        idp.start();
        try {
            String base = "http://127.0.0.1:" + idp.getAddress().getPort();

            Map<String, Object> created = SsoSteps.create(admin, Map.of("name", "URL IdP", "kind", "SAML",
                    "saml", Map.of("metadataUrl", base + "/saml/metadata")));

            assertThat((Map<String, Object>) created.get("saml"))
                    .containsEntry("idpEntityId", "https://idp.example.com/saml")
                    .containsEntry("ssoUrl", "https://idp.example.com/redirect")
                    .containsEntry("metadataUrl", base + "/saml/metadata")
                    .satisfies(saml -> assertThat((List<?>) saml.get("certificates")).hasSize(1));
            admin.post().uri(PROVIDERS).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("name", "Gone", "kind", "SAML", "saml", Map.of("metadataUrl", base + "/missing")))
                    .exchange().expectStatus().isEqualTo(422).expectBody()
                    .jsonPath("$.errors[0].field").isEqualTo("saml.metadataUrl");
            assertThat(sql.count("SELECT count(*) FROM identity_provider WHERE company_id = ?", company.id())).isEqualTo(1);
        }
        finally {
            idp.stop(0);
        }
    }

    @Test
    @DisplayName("[SEC-SSO] an administrator holding admin:security but not every permission cannot make JIT users company administrators (403 permission-escalation)")
    void jitRoleWhenBeyondCallerThenPermissionEscalation() {
        TestCompany company = fixtures.company("昇格株式会社");
        String limited = fixtures.userWith(company.id(), List.of("admin:security"), List.of());
        WebTestClient admin = client(login(limited));

        WebTestClient.BodyContentSpec problem = admin.post().uri(PROVIDERS).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(SsoSteps.oidc("https://idp.example.com", "platform", SECRET, "company-admin"))
                .exchange().expectStatus().isForbidden().expectBody();
        assertProblem(problem, "/problems/permission-escalation", 403);
        assertThat(sql.count("SELECT count(*) FROM identity_provider WHERE company_id = ?", company.id())).isZero();
    }

    @Test
    @DisplayName("[SEC-SSO] SSO-only needs an enabled provider (422), is audited before and after, and the last enabled provider cannot be removed while it holds (422)")
    void ssoOnlyWhenNoProviderThenRefusedAndLastProviderKept() {
        TestCompany company = fixtures.company("専用株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        admin.put().uri("/api/v1/admin/sso-options").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("ssoOnly", true)).exchange().expectStatus().isEqualTo(422);

        String id = (String) SsoSteps.create(admin, SsoSteps.oidc("https://idp.example.com", "platform", SECRET, null)).get("id");
        SsoSteps.ssoOnly(admin, true);
        admin.get().uri("/api/v1/admin/sso-options").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.ssoOnly").isEqualTo(true);
        admin.delete().uri(PROVIDERS + "/{id}", id).exchange().expectStatus().isEqualTo(422);

        assertThat(events(company.id(), "sso.options-update")).singleElement()
                .satisfies(event -> assertThat((String) event.get("details")).contains("\"ssoOnly\": true", "\"ssoOnlyBefore\": false"));
    }

    @Test
    @DisplayName("[SEC-SSO] a login page lists a company's enabled providers by its code, names and kinds only, without a session; an unknown code answers an empty list")
    void signInProvidersWhenListedThenEnabledOnlyWithoutSecrets() {
        TestCompany company = fixtures.company("一覧株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        String shown = (String) SsoSteps.create(admin, SsoSteps.oidc("https://idp.example.com/a", "a", SECRET, null)).get("id");
        Map<String, Object> disabled = SsoSteps.oidc("https://idp.example.com/b", "b", SECRET, null);
        disabled.put("enabled", false);
        SsoSteps.create(admin, disabled);

        String listed = client().get().uri("/api/v1/sso/companies/{code}/providers", company.code()).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(listed).contains(shown).doesNotContain("idp.example.com").doesNotContain(SECRET);
        client().get().uri("/api/v1/sso/companies/{code}/providers", company.code()).exchange()
                .expectBody().jsonPath("$.items.length()").isEqualTo(1);
        client().get().uri("/api/v1/sso/companies/ZZZZ-9999/providers").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items.length()").isEqualTo(0);
    }

    private static String base64(String xml) {
        return Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] secretRow(String id) {
        return (byte[]) sql.rows("SELECT client_secret FROM identity_provider WHERE id = ?", UUID.fromString(id))
                .get(0).get("client_secret");
    }

    private String pem() {
        try {
            return Files.readString(serverCertificate());
        }
        catch (java.io.IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private List<Map<String, Object>> events(UUID companyId, String action) {
        return sql.rows("""
                SELECT outcome, actor_type, actor_id::text AS actor_id, target_type, target_id::text AS target_id,
                       details::text AS details
                FROM audit_event WHERE company_id = ? AND action = ? ORDER BY seq
                """, companyId, action);
    }

    private static String metadata(String certificate) {
        return """
                <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com/saml">
                  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
                    <md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
                      <ds:X509Data><ds:X509Certificate>%s</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
                    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.example.com/post"/>
                    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/redirect"/>
                  </md:IDPSSODescriptor>
                </md:EntityDescriptor>
                """.formatted(certificate);
    }
}
