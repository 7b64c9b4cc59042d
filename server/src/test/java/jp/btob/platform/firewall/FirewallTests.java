package jp.btob.platform.firewall;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.demo.DemoData;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.SecondInstance;
import jp.btob.platform.support.SpecOperations;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application firewall in front of the running server: the two corpora, what a block answers
 * and records, every encoding an attack hides behind, bodies handed on unchanged, and monitor mode.
 */
class FirewallTests extends IntegrationTest {

    private static final String BLOCKED = "/problems/request-blocked";

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
    };

    private final Sql sql = new Sql(DATABASE);

    @Test
    @DisplayName("[SEC-WAF] the attack corpus (public payload lists, every class and part) is blocked at least 99 % and the legitimate business corpus (Japanese names, quotes, <, &, SQL words in prose) passes without a single false positive")
    void corporaThenAttacksBlockedAndBusinessTrafficPasses() {
        String token = login("buyer-admin");
        List<Corpus.Sample> attacks = Corpus.attacks();
        List<Corpus.Sample> legitimate = Corpus.legitimate();
        assertThat(attacks).as("attack payloads").hasSizeGreaterThanOrEqualTo(300);
        assertThat(legitimate).as("legitimate requests").hasSizeGreaterThanOrEqualTo(300);

        List<String> missed = new ArrayList<>();
        for (Corpus.Sample attack : attacks) {
            if (!blocked(send(client(token), attack))) {
                missed.add(attack.label());
            }
        }
        List<String> falsePositives = new ArrayList<>();
        for (Corpus.Sample request : legitimate) {
            if (blocked(send(client(token), request))) {
                falsePositives.add(request.label());
            }
        }

        double detection = 1.0 - (double) missed.size() / attacks.size();
        double falsePositiveRate = (double) falsePositives.size() / legitimate.size();
        System.out.printf("[SEC-WAF] detection %.2f %% (%d of %d attacks blocked), false positives %.2f %% (%d of %d legitimate requests)%n",
                detection * 100, attacks.size() - missed.size(), attacks.size(), falsePositiveRate * 100,
                falsePositives.size(), legitimate.size());
        missed.forEach(label -> System.out.println("[SEC-WAF] missed: " + label));
        falsePositives.forEach(label -> System.out.println("[SEC-WAF] false positive: " + label));
        assertThat(falsePositives).as("legitimate requests blocked").isEmpty();
        assertThat(detection).as("share of attacks blocked; missed: " + missed).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    @DisplayName("[SEC-WAF] a blocked request answers 403 request-blocked with an incident ID, reaches no handler, and is recorded as waf.block with the rule, the part, its name and what matched")
    void attackWhenBlockedThenProblemAuditAndNothingDone() {
        TestCompany company = fixtures.company("遮断株式会社");
        TestCompany partner = fixtures.company("遮断相手株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));

        WebTestClient.BodyContentSpec body = admin.post().uri("/api/v1/companies/{id}/partners", company.id())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("partnerCode", partner.code(), "message", "x' OR '1'='1"))
                .exchange().expectStatus().isForbidden().expectBody();
        assertProblem(body, BLOCKED, 403);
        Map<String, Object> problem = json(body.returnResult());
        String incident = (String) problem.get("incidentId");
        assertThat(UUID.fromString(incident)).isNotNull();
        assertThat((String) problem.get("detail")).contains("sql-injection").contains("body");

        assertThat(sql.count("SELECT count(*) FROM partner_connection WHERE inviter_id = ?", company.id()))
                .as("the invitation never reached the handler").isZero();
        List<Map<String, Object>> events = sql.rows("""
                SELECT action, outcome, actor_type, details->>'rule' AS rule, details->>'part' AS part,
                       details->>'name' AS name, details->>'matched' AS matched, details->>'request' AS request
                FROM audit_event WHERE company_id IS NULL AND details->>'incidentId' = ?
                """, incident);
        assertThat(events).hasSize(1);
        assertThat(events.get(0)).containsEntry("action", "waf.block").containsEntry("outcome", "FAILURE")
                .containsEntry("actor_type", "ANONYMOUS").containsEntry("rule", "sql-injection")
                .containsEntry("part", "body").containsEntry("name", "message")
                .containsEntry("request", "POST /api/v1/companies/" + company.id() + "/partners");
        assertThat((String) events.get(0).get("matched")).contains("or '1'=");
    }

    @Test
    @DisplayName("[SEC-WAF] URL-encoded, double- and triple-encoded, %u, overlong UTF-8, JavaScript-escaped, HTML-entity and full-width forms of an attack are decoded once and blocked, in the query, the path, a header and a cookie")
    void encodedFormsThenDecodedAndBlocked() {
        List<String> query = List.of(
                "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                "%253Cscript%253Ealert(1)%253C%252Fscript%253E",
                "%25253Cscript%25253Ealert(1)",
                "%25u003Cscript%25u003Ealert(1)",
                "%5Cu003cscript%5Cu003ealert(1)",
                "%26lt%3Bscript%26gt%3Balert(1)",
                "%26%2360%3Bscript%26%2362%3Balert(1)",
                "%EF%BC%9Cscript%EF%BC%9Ealert(1)",
                "..%2F..%2Fetc%2Fpasswd",
                "..%252F..%252Fetc%252Fpasswd",
                "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
                "%C0%AE%C0%AE%C0%AFetc%C0%AFpasswd",
                "1%27%20OR%20%271%27%3D%271",
                "1%2527%2520OR%2520%25271%2527%253D%25271",
                "1%EF%BC%87%20OR%20%EF%BC%871%EF%BC%87%3D%EF%BC%871");
        WebTestClient anyone = client();
        for (String encoded : query) {
            assertProblem(anyone.get().uri(URI.create(baseUrl() + "/api/v1/audit?action=" + encoded)).exchange()
                    .expectStatus().isForbidden().expectBody(), BLOCKED, 403);
        }
        assertProblem(anyone.get().uri(URI.create(baseUrl() + "/api/v1/companies/..%2F..%2Fetc%2Fpasswd")).exchange()
                .expectStatus().isForbidden().expectBody(), BLOCKED, 403);
        assertProblem(anyone.get().uri("/api/v1/me").header("X-Note", "<svg/onload=alert(1)>").exchange()
                .expectStatus().isForbidden().expectBody(), BLOCKED, 403);
        assertProblem(anyone.get().uri("/api/v1/me").header("Cookie", "pref=%3Cscript%3Ealert(1)%3C%2Fscript%3E").exchange()
                .expectStatus().isForbidden().expectBody(), BLOCKED, 403);
        assertProblem(anyone.get().uri("/api/v1/me").header("User-Agent", "() { :; }; /bin/bash -c 'cat /etc/passwd'").exchange()
                .expectStatus().isForbidden().expectBody(), BLOCKED, 403);
    }

    @Test
    @DisplayName("[SEC-WAF] a line break in a URL or a cookie is header injection and blocked; in a JSON note it is text and passes")
    void lineBreaksThenBlockedInUrlButNotInJsonText() {
        WebTestClient anyone = client();
        assertProblem(anyone.get().uri(URI.create(baseUrl() + "/api/v1/audit?action=x%0D%0ASet-Cookie:%20a=b")).exchange()
                .expectStatus().isForbidden().expectBody(), BLOCKED, 403);
        assertProblem(anyone.get().uri("/api/v1/me").header("Cookie", "pref=x%0d%0aLocation:%20http://evil.example").exchange()
                .expectStatus().isForbidden().expectBody(), BLOCKED, 403);

        TestCompany company = fixtures.company("改行株式会社");
        TestCompany partner = fixtures.company("改行相手株式会社");
        String note = "納期について\n第1便: 11/30\n第2便: 12/05 (\"rush\" order; O'Reilly様 & A&B商事 < 100 ケース)";
        Map<String, Object> created = client(login(company.adminLoginId())).post()
                .uri("/api/v1/companies/{id}/partners", company.id())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("partnerCode", partner.code(), "message", note))
                .exchange().expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody();
        assertThat(created).as("the body reached the handler byte for byte").containsEntry("message", note);
    }

    @Test
    @DisplayName("[SEC-WAF] protocol abuse: a JSON body with a key twice, or nested deeper than 32 levels, is blocked; 32 levels are not")
    void protocolAbuseThenBlocked() {
        WebTestClient anyone = client();
        assertProblem(anyone.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"loginId\":\"buyer-admin\",\"loginId\":\"seller-admin\",\"password\":\"x\"}")
                .exchange().expectStatus().isForbidden().expectBody(), BLOCKED, 403);
        assertProblem(anyone.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"a\":" + "[".repeat(33) + "]".repeat(33) + "}")
                .exchange().expectStatus().isForbidden().expectBody(), BLOCKED, 403);
        anyone.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"a\":" + "[".repeat(31) + "]".repeat(31) + "}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").value(type -> assertThat((String) type).isNotEqualTo(BLOCKED));
    }

    @Test
    @DisplayName("[SEC-WAF] a body over the firewall's limit answers 413 payload-too-large and is not handed on")
    void bodyOverLimitThenPayloadTooLarge() {
        String big = "{\"loginId\":\"buyer-admin\",\"password\":\"" + "x".repeat(1024 * 1024) + "\"}";
        assertProblem(client().post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON).bodyValue(big)
                .exchange().expectStatus().isEqualTo(413).expectBody(), "/problems/payload-too-large", 413);
    }

    @Test
    @DisplayName("[SEC-WAF] [SEC-AV] a file's bytes (application/octet-stream) stream on unread and unbuffered: 3 MB to an operation that takes no file is refused by the operation (415), not by the firewall's body limit")
    void binaryBodyThenNotBufferedByTheFirewall() {
        assertProblem(client().post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(new byte[3 * 1024 * 1024]).exchange().expectStatus().isEqualTo(415).expectBody(),
                "/problems/unsupported-media-type", 415);
    }

    @Test
    @DisplayName("[SEC-WAF] a URI over 8192 characters answers 414 uri-too-long and headers over 16 KB answer 431 headers-too-large, as problems; just under both limits passes")
    void oversizedUriOrHeadersThenProblems() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().sslContext(trustingJdkSslContext())
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        String prefix = baseUrl() + "/api/v1/me?pad=";
        java.net.http.HttpResponse<String> longUri = http.send(java.net.http.HttpRequest.newBuilder(
                URI.create(prefix + "a".repeat(8200))).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(longUri.statusCode()).isEqualTo(414);
        assertThat(longUri.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(longUri.body()).contains("/problems/uri-too-long");

        java.net.http.HttpResponse<String> bigHeaders = http.send(java.net.http.HttpRequest.newBuilder(
                        URI.create(baseUrl() + "/api/v1/me")).header("X-Pad", "b".repeat(17 * 1024)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(bigHeaders.statusCode()).isEqualTo(431);
        assertThat(bigHeaders.body()).contains("/problems/headers-too-large");

        java.net.http.HttpResponse<String> within = http.send(java.net.http.HttpRequest.newBuilder(
                        URI.create(baseUrl() + "/api/v1/me?pad=" + "a".repeat(7000))).header("X-Pad", "b".repeat(12 * 1024)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(within.statusCode()).as("within both limits: only the missing session is refused").isEqualTo(401);
    }

    @Test
    @DisplayName("[SEC-WAF] a rule in monitor mode lets the request through and records waf.detect; the other rules still block")
    void monitorModeThenPassesAndRecorded() {
        try (SecondInstance monitoring = secondInstance(Map.of("btob.firewall.modes.sql-injection", "monitor"))) {
            long before = sql.count("SELECT count(*) FROM audit_event WHERE action = 'waf.detect'");
            monitoring.client().post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("loginId", "admin' --", "password", DemoData.PASSWORD))
                    .exchange().expectStatus().isUnauthorized()
                    .expectBody().jsonPath("$.type").isEqualTo("/problems/invalid-credentials");
            assertThat(sql.count("SELECT count(*) FROM audit_event WHERE action = 'waf.detect'"
                    + " AND details->>'rule' = 'sql-injection'")).isEqualTo(before + 1);
            assertProblem(monitoring.client().get().uri("/api/v1/me").header("X-Note", "<script>alert(1)</script>").exchange()
                    .expectStatus().isForbidden().expectBody(), BLOCKED, 403);
        }
    }

    @Test
    @DisplayName("[SEC-WAF] every operation of every spec documents the 403 the firewall may answer anywhere, and every operation taking a body the 413 of a body over the limit")
    void everyOperationDocumentsTheFirewallsAnswers() {
        List<SpecOperations.SpecOperation> operations = SpecOperations.all();
        assertThat(operations).hasSizeGreaterThanOrEqualTo(50);
        assertThat(operations).allSatisfy(operation -> assertThat(operation.statuses())
                .as(operation.operationId()).contains("403"));
        assertThat(operations).filteredOn(SpecOperations.SpecOperation::hasBody).allSatisfy(operation ->
                assertThat(operation.statuses()).as(operation.operationId()).contains("413"));
    }

    private WebTestClient.ResponseSpec send(WebTestClient client, Corpus.Sample sample) {
        WebTestClient.RequestBodySpec request = client.method(HttpMethod.valueOf(sample.method()))
                .uri(URI.create(baseUrl() + sample.uri()));
        sample.headers().forEach((name, value) -> request.header(name, value));
        if (sample.body() != null) {
            request.bodyValue(sample.body());
        }
        return request.exchange();
    }

    private static boolean blocked(WebTestClient.ResponseSpec response) {
        EntityExchangeResult<byte[]> result = response.expectBody().returnResult();
        byte[] body = result.getResponseBody();
        return result.getStatus().value() == 403 && body != null && new String(body).contains(BLOCKED);
    }

    private static Map<String, Object> json(EntityExchangeResult<byte[]> result) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readValue(result.getResponseBody(),
                new tools.jackson.core.type.TypeReference<Map<String, Object>>() {
                });
    }
}
