package jp.btob.platform.settings.ip;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.SecondInstance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static jp.btob.platform.support.ProblemAssertions.assertSameProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-company IP allow-list (SEC-IP, PLT-TENANT): who may read and change it, validation,
 * the lock-out guard, audit, and its enforcement on every request and at login, with the client
 * address taken from the socket unless a trusted proxy forwards it.
 */
class IpAllowlistTests extends IntegrationTest {

    static final String PATH = "/api/v1/company/ip-allowlist";

    private static final String COOKIE = "BTOB_SESSION";

    /** The test client's own address, whichever loopback family it connects over. */
    private static final List<Map<String, Object>> LOOPBACK = List.of(
            Map.of("cidr", "127.0.0.1/32", "label", "this test, IPv4"),
            Map.of("cidr", "::1/128", "label", "this test, IPv6"));

    /** A documentation range (RFC 5737) the test client never connects from. */
    private static final List<Map<String, Object>> ELSEWHERE = List.of(Map.of("cidr", "192.0.2.0/24", "label", "branch"));

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
    };

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private DatabaseClient db;

    @Autowired
    private MeterRegistry meters;

    @Test
    @DisplayName("[SEC-IP] staff may neither read nor change the IP allow-list (403), even with a broken body, and nothing is written")
    void staffThenForbidden() {
        TestCompany company = fixtures.company("IP担当者株式会社");
        WebTestClient staff = client(login(company.staffLoginId()));

        assertProblem(staff.get().uri(PATH).exchange().expectStatus().isForbidden().expectBody(), "/problems/permission-denied", 403);
        assertProblem(put(staff, ELSEWHERE, true).expectStatus().isForbidden().expectBody(), "/problems/permission-denied", 403);
        assertProblem(put(staff, List.of(Map.of("cidr", "nonsense")), true).expectStatus().isForbidden().expectBody(),
                "/problems/permission-denied", 403);

        assertThat(rows(company.id())).isZero();
        assertThat(events(company.id(), "settings.ip-allowlist-update")).isEmpty();
        // Staff are not blocked either: there is no list.
        staff.get().uri("/api/v1/me").exchange().expectStatus().isOk();
    }

    @Test
    @DisplayName("[SEC-IP] a company without a list, or with an empty one, has no restriction: staff and administrator reach the API")
    void emptyListThenNoRestriction() {
        TestCompany company = fixtures.company("IP無制限株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        assertThat(read(admin)).containsEntry("entries", List.of());

        put(admin, List.of(), false).expectStatus().isOk();

        admin.get().uri(PATH).exchange().expectStatus().isOk();
        client(login(company.staffLoginId())).get().uri("/api/v1/me").exchange().expectStatus().isOk();
    }

    @Test
    @DisplayName("[SEC-IP] a list that contains the caller's address is saved without confirmation and every request of the company passes, bearer and cookie")
    void listContainingAddressThenSavedAndAllowed() {
        TestCompany company = fixtures.company("IP許可株式会社");
        String token = login(company.adminLoginId());
        WebTestClient admin = client(token);
        List<Map<String, Object>> list = List.of(ELSEWHERE.get(0), LOOPBACK.get(0), LOOPBACK.get(1),
                Map.of("cidr", "2001:db8:1:2::/64"));

        Map<String, Object> saved = put(admin, list, false).expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();

        assertThat(saved.get("entries")).isEqualTo(list);
        assertThat(read(admin).get("entries")).isEqualTo(list);
        client().get().uri(PATH).cookie(COOKIE, token).exchange().expectStatus().isOk();
        client(login(company.staffLoginId())).get().uri("/api/v1/me").exchange().expectStatus().isOk();
        assertThat(events(company.id(), "ip.block")).isEmpty();
    }

    @Test
    @DisplayName("[SEC-IP] a list that excludes the caller's address is refused 409 ip-allowlist-would-lock-out without confirmation, nothing saved or audited; with confirmLockout it is saved")
    void lockOutGuard() {
        TestCompany company = fixtures.company("IP締出株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));

        assertProblem(put(admin, ELSEWHERE, false).expectStatus().isEqualTo(409).expectBody(),
                "/problems/ip-allowlist-would-lock-out", 409);
        assertProblem(put(admin, ELSEWHERE, null).expectStatus().isEqualTo(409).expectBody(),
                "/problems/ip-allowlist-would-lock-out", 409);
        assertThat(read(admin)).containsEntry("entries", List.of());
        assertThat(events(company.id(), "settings.ip-allowlist-update")).isEmpty();

        put(admin, ELSEWHERE, true).expectStatus().isOk();

        assertThat(rows(company.id())).isEqualTo(1);
        assertThat(events(company.id(), "settings.ip-allowlist-update")).hasSize(1);
        // It did lock the administrator out, as they confirmed.
        assertProblem(admin.get().uri(PATH).exchange().expectStatus().isForbidden().expectBody(),
                "/problems/ip-not-allowed", 403);
    }

    @Test
    @DisplayName("[SEC-IP] bad entries answer 422 naming each by its index (host bits set, not an address, a host name), and nothing is saved")
    void badEntriesThenEachNamed() {
        TestCompany company = fixtures.company("IP検証株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));

        Map<String, Object> problem = put(admin, List.of(Map.of("cidr", "10.1.2.3/8"), LOOPBACK.get(0),
                        Map.of("cidr", "intranet.example"), Map.of("cidr", "2001:db8::/129"), LOOPBACK.get(1)), false)
                .expectStatus().isEqualTo(422)
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();

        assertThat(problem).containsEntry("type", "/problems/unprocessable");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) problem.get("errors");
        assertThat(errors).extracting(error -> error.get("field") + " " + error.get("code"))
                .containsExactly("entries[0].cidr invalid", "entries[2].cidr format", "entries[3].cidr format");
        assertThat((String) errors.get(0).get("message")).contains("10.0.0.0/8");
        assertThat(rows(company.id())).isZero();
        assertThat(events(company.id(), "settings.ip-allowlist-update")).isEmpty();
    }

    @Test
    @DisplayName("[SEC-IP] each change is audited as settings.ip-allowlist-update with the list before and after, by the administrator")
    void changeThenAuditedBeforeAndAfter() {
        TestCompany company = fixtures.company("IP監査株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        List<Map<String, Object>> first = List.of(LOOPBACK.get(0), LOOPBACK.get(1));
        List<Map<String, Object>> second = List.of(LOOPBACK.get(0), LOOPBACK.get(1), ELSEWHERE.get(0));

        put(admin, first, false).expectStatus().isOk();
        put(admin, second, false).expectStatus().isOk();

        List<Map<String, Object>> events = events(company.id(), "settings.ip-allowlist-update");
        assertThat(events).hasSize(2);
        Map<String, Object> last = events.get(1);
        assertThat(last).containsEntry("outcome", "SUCCESS").containsEntry("actor_type", "USER")
                .containsEntry("actor_id", userId(company.adminLoginId()));
        Map<?, ?> details = JSON.readValue((String) last.get("details"), Map.class);
        assertThat(details.get("before")).isEqualTo(first);
        assertThat(details.get("after")).isEqualTo(second);
        assertThat(details.get("confirmLockout")).isEqualTo(false);
        Map<?, ?> initial = JSON.readValue((String) events.get(0).get("details"), Map.class);
        assertThat(initial.get("before")).isEqualTo(List.of());
    }

    @Test
    @DisplayName("[SEC-IP] [PLT-TENANT] from outside the list every request of the company answers 403 ip-not-allowed, bearer and cookie, staff too, audited as ip.block and counted; another company is unaffected")
    void outsideListThenBlockedEverywhereAndAudited() {
        TestCompany company = fixtures.company("IP遮断株式会社");
        TestCompany other = fixtures.company("IP無関係株式会社");
        String adminToken = login(company.adminLoginId());
        String staffToken = login(company.staffLoginId());
        String otherToken = login(other.adminLoginId());
        put(client(adminToken), ELSEWHERE, true).expectStatus().isOk();
        double blockedBefore = blockedCount();

        assertProblem(client(adminToken).get().uri(PATH).exchange().expectStatus().isForbidden().expectBody(),
                "/problems/ip-not-allowed", 403);
        assertProblem(client().get().uri(PATH).cookie(COOKIE, adminToken).exchange().expectStatus().isForbidden()
                .expectBody(), "/problems/ip-not-allowed", 403);
        // Staff are refused by address before their role is looked at.
        assertProblem(client(staffToken).get().uri(PATH).exchange().expectStatus().isForbidden().expectBody(),
                "/problems/ip-not-allowed", 403);
        // Not even the list can be changed back from here.
        assertProblem(put(client(adminToken), LOOPBACK, true).expectStatus().isForbidden().expectBody(),
                "/problems/ip-not-allowed", 403);
        assertThat(rows(company.id())).isEqualTo(1);

        List<Map<String, Object>> blocks = events(company.id(), "ip.block");
        assertThat(blocks).hasSize(4).allSatisfy(event -> {
            assertThat(event).containsEntry("outcome", "FAILURE").containsEntry("actor_type", "USER")
                    .containsEntry("target_type", "session");
            assertThat((String) event.get("source_address")).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        });
        assertThat(blockedCount() - blockedBefore).isGreaterThanOrEqualTo(4);
        client(otherToken).get().uri(PATH).exchange().expectStatus().isOk();
        assertThat(events(other.id(), "ip.block")).isEmpty();
    }

    @Test
    @DisplayName("[SEC-IP] a spoofed X-Forwarded-For or Forwarded header naming an allowed address, from a peer that is no trusted proxy, changes nothing: still 403")
    void spoofedForwardedForThenStillBlocked() {
        TestCompany company = fixtures.company("IP偽装株式会社");
        String token = login(company.adminLoginId());
        put(client(token), ELSEWHERE, true).expectStatus().isOk();

        assertProblem(client(token).get().uri(PATH).header("X-Forwarded-For", "192.0.2.10").exchange()
                .expectStatus().isForbidden().expectBody(), "/problems/ip-not-allowed", 403);
        assertProblem(client(token).get().uri(PATH).header("X-Forwarded-For", "192.0.2.10, 192.0.2.11").exchange()
                .expectStatus().isForbidden().expectBody(), "/problems/ip-not-allowed", 403);
        assertProblem(client(token).get().uri(PATH).header("Forwarded", "for=192.0.2.10").header("X-Real-IP", "192.0.2.10")
                .exchange().expectStatus().isForbidden().expectBody(), "/problems/ip-not-allowed", 403);

        assertThat(events(company.id(), "ip.block")).hasSize(3)
                .allSatisfy(event -> assertThat((String) event.get("source_address")).isIn("127.0.0.1", "0:0:0:0:0:0:0:1"));
    }

    @Test
    @DisplayName("[SEC-IP] a login from outside the list is refused before the password is checked: the right password gets the same 401 as a wrong one, no session, no auth.login event, no lockout count; audited as ip.block")
    void loginFromOutsideThenRefusedBeforePassword() {
        TestCompany company = fixtures.company("IPログイン株式会社");
        put(client(login(company.adminLoginId())), ELSEWHERE, true).expectStatus().isOk();
        UUID staffId = UUID.fromString(userId(company.staffLoginId()));
        long sessionsBefore = sessions(staffId);

        Map<String, Object> right = loginAttempt(company.staffLoginId(), jp.btob.platform.demo.DemoData.PASSWORD);
        Map<String, Object> wrong = loginAttempt(company.staffLoginId(), "not the password 1A!");
        Map<String, Object> unknown = loginAttempt("nobody-" + UUID.randomUUID(), "not the password 1A!");

        assertThat(right).containsEntry("type", "/problems/invalid-credentials");
        assertSameProblem(right, wrong);
        assertSameProblem(right, unknown);
        assertThat(sessions(staffId)).isEqualTo(sessionsBefore);
        assertThat(events(company.id(), "auth.login")).noneMatch(event -> staffId.toString().equals(event.get("actor_id"))
                || staffId.toString().equals(event.get("target_id")));
        assertThat(lockoutRows(staffId)).isZero();
        List<Map<String, Object>> blocks = events(company.id(), "ip.block");
        assertThat(blocks).hasSize(2).allSatisfy(event -> assertThat(event)
                .containsEntry("outcome", "FAILURE").containsEntry("actor_type", "ANONYMOUS")
                .containsEntry("target_type", "user").containsEntry("target_id", staffId.toString()));
    }

    @Test
    @DisplayName("[SEC-IP] behind a trusted proxy (127.0.0.1 and ::1 configured) the right-most untrusted X-Forwarded-For entry counts, never an entry the client wrote left of it")
    void trustedProxyThenRightMostUntrustedCounts() {
        TestCompany company = fixtures.company("IPプロキシ株式会社");
        put(client(login(company.adminLoginId())), List.of(Map.of("cidr", "203.0.113.0/24")), true).expectStatus().isOk();

        try (SecondInstance proxied = secondInstance(Map.of("btob.http.trusted-proxies", "127.0.0.1/32,::1/128"))) {
            String token = (String) proxied.client().post().uri("/api/v1/auth/login")
                    .header("X-Forwarded-For", "203.0.113.9")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("loginId", company.adminLoginId(), "password", jp.btob.platform.demo.DemoData.PASSWORD))
                    .exchange().expectStatus().isOk()
                    .expectBody(JSON_OBJECT).returnResult().getResponseBody().get("token");
            WebTestClient admin = proxied.client(token);

            admin.get().uri(PATH).header("X-Forwarded-For", "203.0.113.9").exchange().expectStatus().isOk();
            // The client wrote the left entry; the proxy appended the real one.
            admin.get().uri(PATH).header("X-Forwarded-For", "198.51.100.1, 203.0.113.9").exchange().expectStatus().isOk();
            assertProblem(admin.get().uri(PATH).header("X-Forwarded-For", "203.0.113.9, 198.51.100.1").exchange()
                    .expectStatus().isForbidden().expectBody(), "/problems/ip-not-allowed", 403);
            // Without the header the proxy itself is the client, and it is not in the list.
            assertProblem(admin.get().uri(PATH).exchange().expectStatus().isForbidden().expectBody(),
                    "/problems/ip-not-allowed", 403);
        }
        // The first instance trusts no proxy: the same header is ignored there.
        String direct = (String) loginAttempt(company.adminLoginId(), jp.btob.platform.demo.DemoData.PASSWORD,
                "203.0.113.9").get("type");
        assertThat(direct).isEqualTo("/problems/invalid-credentials");

        List<Map<String, Object>> blocks = events(company.id(), "ip.block");
        assertThat(blocks).extracting(event -> event.get("source_address")).startsWith("198.51.100.1");
        assertThat(blocks).hasSize(3);
    }

    private WebTestClient.ResponseSpec put(WebTestClient client, List<Map<String, Object>> entries, Boolean confirm) {
        Map<String, Object> body = confirm == null ? Map.of("entries", entries)
                : Map.of("entries", entries, "confirmLockout", confirm);
        return client.put().uri(PATH).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private Map<String, Object> read(WebTestClient client) {
        return client.get().uri(PATH).exchange().expectStatus().isOk().expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    private Map<String, Object> loginAttempt(String loginId, String password) {
        return loginAttempt(loginId, password, null);
    }

    private Map<String, Object> loginAttempt(String loginId, String password, String forwardedFor) {
        WebTestClient.RequestBodySpec request = client().post().uri("/api/v1/auth/login");
        if (forwardedFor != null) {
            request = request.header("X-Forwarded-For", forwardedFor);
        }
        return request.contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("loginId", loginId, "password", password))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    private double blockedCount() {
        return meters.get("btob.requests.blocked").tag("reason", "IP").counter().count();
    }

    private long rows(UUID companyId) {
        return db.sql("SELECT count(*) AS n FROM company_ip_allowlist WHERE company_id = :c")
                .bind("c", companyId).map((row, meta) -> row.get("n", Long.class)).one().block();
    }

    private long sessions(UUID userId) {
        return db.sql("SELECT count(*) AS n FROM user_session WHERE user_id = :u")
                .bind("u", userId).map((row, meta) -> row.get("n", Long.class)).one().block();
    }

    private long lockoutRows(UUID userId) {
        return db.sql("SELECT count(*) AS n FROM login_lockout WHERE user_id = :u")
                .bind("u", userId).map((row, meta) -> row.get("n", Long.class)).one().block();
    }

    private List<Map<String, Object>> events(UUID companyId, String action) {
        return db.sql("""
                        SELECT outcome, actor_type, actor_id::text AS actor_id, target_type, target_id::text AS target_id,
                               source_address, details::text AS details
                        FROM audit_event WHERE company_id = :c AND action = :a ORDER BY seq
                        """)
                .bind("c", companyId).bind("a", action)
                .fetch().all().collectList().block();
    }

    private String userId(String loginId) {
        return db.sql("SELECT id::text AS id FROM app_user WHERE login_id = :l")
                .bind("l", loginId).map((row, meta) -> row.get("id", String.class)).one().block();
    }
}
