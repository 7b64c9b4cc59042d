package jp.btob.platform.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static jp.btob.platform.support.SecuritySettingsSteps.PATH;
import static jp.btob.platform.support.SecuritySettingsSteps.change;
import static jp.btob.platform.support.SecuritySettingsSteps.form;
import static jp.btob.platform.support.SecuritySettingsSteps.get;
import static jp.btob.platform.support.SecuritySettingsSteps.read;
import static jp.btob.platform.support.SecuritySettingsSteps.set;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security settings resource: the platform's defaults, who may read and change it, the floors
 * no company may loosen, consistency and presets, optimistic concurrency, audit and tenancy.
 */
class SecuritySettingsTests extends IntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
    };

    @Autowired
    private SecuritySettingsService service;

    @Autowired
    private DatabaseClient db;

    @Test
    @DisplayName("[SEC-PWPOL] a company that never saved its settings has the platform's defaults: the whitepaper preset, 8 to 15 characters with 3 of 4 classes, version 0")
    void readWhenNeverSavedThenPlatformDefaults() {
        TestCompany company = fixtures.company("既定値株式会社");
        EntityExchangeResult<Map<String, Object>> result = client(login(company.adminLoginId())).get().uri(PATH)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ETAG, "\"0\"")
                .expectBody(JSON_OBJECT).returnResult();
        Map<String, Object> settings = result.getResponseBody();

        assertThat(settings).containsEntry("preset", "WHITEPAPER")
                .containsEntry("passwordExpiryDays", 0)
                .containsEntry("version", 0)
                .doesNotContainKeys("updatedAt", "updatedBy");
        assertThat(settings.get("passwordPolicy")).isEqualTo(Map.of("minLength", 8, "maxLength", 15,
                "minCharacterClasses", 3, "historyCount", 4, "refuseCommonPasswords", true, "refuseLoginId", true));
        assertThat(settings.get("session")).isEqualTo(Map.of("idleTimeoutEnabled", true, "idleTimeoutMinutes", 30,
                "absoluteLifetimeMinutes", 720));
        assertThat(settings.get("lockout")).isEqualTo(Map.of("maxFailures", 5, "windowMinutes", 15, "durationMinutes", 30));
        assertThat(settings.get("mfa")).isEqualTo(Map.of("required", false, "allowedChannels", List.of("EMAIL", "SMS", "TOTP")));
        SecuritySettings inForce = service.forCompany(company.id()).block();
        assertThat(inForce.password()).isEqualTo(new PasswordPolicy(8, 15, 3, 4, true, true));
    }

    @Test
    @DisplayName("[SEC-PWPOL] staff may neither read nor change the security settings (403), even with a broken body, and nothing is written")
    void staffWhenReadOrChangeThenForbidden() {
        TestCompany company = fixtures.company("担当者拒否株式会社");
        WebTestClient staff = client(login(company.staffLoginId()));
        WebTestClient admin = client(login(company.adminLoginId()));
        Map<String, Object> tighter = form(admin);
        set(tighter, "passwordPolicy.minLength", 14);

        assertProblem(staff.get().uri(PATH).exchange().expectStatus().isForbidden().expectBody(),
                "/problems/permission-denied", 403);
        assertProblem(put(staff, "\"0\"", tighter).expectStatus().isForbidden().expectBody(), "/problems/permission-denied", 403);
        assertProblem(put(staff, "\"0\"", Map.of("preset", "NONSENSE")).expectStatus().isForbidden().expectBody(),
                "/problems/permission-denied", 403);

        assertThat(read(admin)).containsEntry("version", 0);
        assertThat(settingsEvents(company.id())).isZero();
    }

    @Test
    @DisplayName("[SEC-PWPOL] an administrator tightens the policy: 200 with version 1 and its ETag, the same on the next read and for the other features")
    void adminWhenTightensThenSavedVersionedAndInForce() {
        TestCompany company = fixtures.company("強化株式会社");
        UUID adminId = userId(company.adminLoginId());
        WebTestClient admin = client(login(company.adminLoginId()));
        Map<String, Object> tighter = form(admin);
        set(tighter, "preset", "CUSTOM");
        set(tighter, "passwordPolicy.minLength", 14);
        set(tighter, "passwordPolicy.maxLength", 64);
        set(tighter, "passwordPolicy.minCharacterClasses", 4);
        set(tighter, "passwordPolicy.historyCount", 24);
        set(tighter, "passwordExpiryDays", 90);
        set(tighter, "session.idleTimeoutMinutes", 10);
        set(tighter, "lockout.maxFailures", 3);
        set(tighter, "lockout.durationMinutes", 1440);
        set(tighter, "mfa.required", true);
        set(tighter, "mfa.allowedChannels", List.of("TOTP"));

        Map<String, Object> saved = put(admin, "\"0\"", tighter)
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ETAG, "\"1\"")
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();

        assertThat(saved).containsEntry("version", 1).containsEntry("updatedBy", adminId.toString());
        assertThat((String) saved.get("updatedAt")).endsWith("Z");
        Map<String, Object> again = read(admin);
        assertThat(again).isEqualTo(saved);
        assertThat(get(again, "passwordPolicy.minLength")).isEqualTo(14);
        SecuritySettings inForce = service.forCompany(company.id()).block();
        assertThat(inForce.password()).isEqualTo(new PasswordPolicy(14, 64, 4, 24, true, true));
        assertThat(inForce.passwordExpiryDays()).isEqualTo(90);
        assertThat(inForce.session()).isEqualTo(new SessionPolicy(true, 10, 720));
        assertThat(inForce.lockout()).isEqualTo(new LockoutPolicy(3, 15, 1440));
        assertThat(inForce.mfa().required()).isTrue();
        assertThat(inForce.mfa().allowedChannels()).extracting(Enum::name).containsExactly("TOTP");
    }

    @Test
    @DisplayName("[OPS-AUDIT] every change is audited as settings.security-update on the company's chain, by the administrator, with the settings before and after")
    void changeThenAuditedWithBeforeAndAfter() {
        TestCompany company = fixtures.company("監査設定株式会社");
        UUID adminId = userId(company.adminLoginId());
        WebTestClient admin = client(login(company.adminLoginId()));

        change(admin, form -> set(form, "passwordPolicy.historyCount", 10));
        change(admin, form -> {
            set(form, "preset", "ASVS");
            set(form, "passwordPolicy.minLength", 12);
            set(form, "passwordPolicy.maxLength", 128);
            set(form, "passwordPolicy.minCharacterClasses", 0);
        });

        List<Map<String, Object>> events = auditEvents(admin);
        assertThat(events).hasSize(2);
        Map<String, Object> first = events.get(0);
        assertThat(first).containsEntry("actorType", "USER").containsEntry("actorId", adminId.toString())
                .containsEntry("targetType", "security-settings").containsEntry("targetId", company.id().toString())
                .containsEntry("outcome", "SUCCESS");
        Map<String, Object> details = details(first);
        assertThat(get(details, "before.passwordPolicy.historyCount")).isEqualTo(4);
        assertThat(get(details, "after.passwordPolicy.historyCount")).isEqualTo(10);
        assertThat(get(details, "before.preset")).isEqualTo("WHITEPAPER");
        assertThat(details).containsEntry("version", 1);
        Map<String, Object> second = details(events.get(1));
        assertThat(get(second, "before")).as("the second change starts from what the first saved")
                .isEqualTo(get(details, "after"));
        assertThat(get(second, "after.preset")).isEqualTo("ASVS");
        assertThat(get(second, "after.passwordPolicy.minLength")).isEqualTo(12);
        assertThat(get(second, "after.mfa.allowedChannels")).isEqualTo(List.of("EMAIL", "SMS", "TOTP"));
        assertThat(second).containsEntry("version", 2);
    }

    @Test
    @DisplayName("[SEC-PWPOL] the ASVS preset (12 to 128 characters, no composition rule, no expiry) is accepted; other values under it are refused naming each")
    void asvsPresetThenItsValuesOnly() {
        TestCompany company = fixtures.company("ASVS株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        Map<String, Object> wrong = form(admin);
        set(wrong, "preset", "ASVS");
        set(wrong, "passwordExpiryDays", 90);

        Map<String, Object> problem = put(admin, "\"0\"", wrong).expectStatus().isEqualTo(422)
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
        assertThat(problem).containsEntry("type", "/problems/unprocessable");
        assertThat(errors(problem)).containsExactlyInAnyOrder(
                "passwordPolicy.minLength preset-mismatch",
                "passwordPolicy.maxLength preset-mismatch",
                "passwordPolicy.minCharacterClasses preset-mismatch",
                "passwordExpiryDays preset-mismatch");
        assertThat(messageOf(problem, "passwordPolicy.minLength")).contains("12", "ASVS");

        Map<String, Object> asvs = change(admin, form -> {
            set(form, "preset", "ASVS");
            set(form, "passwordPolicy.minLength", 12);
            set(form, "passwordPolicy.maxLength", 128);
            set(form, "passwordPolicy.minCharacterClasses", 0);
        });
        assertThat(asvs).containsEntry("preset", "ASVS").containsEntry("passwordExpiryDays", 0);
        assertThat(service.forCompany(company.id()).block().password()).isEqualTo(new PasswordPolicy(12, 128, 0, 4, true, true));
    }

    @Test
    @DisplayName("[SEC-PWPOL] a company cannot loosen any floor: one change below every floor answers 422 naming each field and its floor, and writes nothing")
    void loosenWhenBelowFloorsThenEveryFieldNamedAndNothingWritten() {
        TestCompany company = fixtures.company("緩和拒否株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        Map<String, Object> looser = form(admin);
        set(looser, "preset", "CUSTOM");
        set(looser, "passwordPolicy.minLength", 6);
        set(looser, "passwordPolicy.historyCount", 0);
        set(looser, "passwordPolicy.refuseCommonPasswords", false);
        set(looser, "passwordPolicy.refuseLoginId", false);
        set(looser, "session.absoluteLifetimeMinutes", 1441);
        set(looser, "lockout.maxFailures", 11);
        set(looser, "lockout.windowMinutes", 0);
        set(looser, "lockout.durationMinutes", 0);

        Map<String, Object> problem = put(admin, "\"0\"", looser).expectStatus().isEqualTo(422)
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();

        assertThat(problem).containsEntry("type", "/problems/unprocessable").containsEntry("status", 422);
        assertThat(errors(problem)).containsExactlyInAnyOrder(
                "passwordPolicy.minLength below-floor",
                "passwordPolicy.historyCount below-floor",
                "passwordPolicy.refuseCommonPasswords below-floor",
                "passwordPolicy.refuseLoginId below-floor",
                "session.absoluteLifetimeMinutes below-floor",
                "lockout.maxFailures below-floor",
                "lockout.windowMinutes below-floor",
                "lockout.durationMinutes below-floor");
        assertThat(messageOf(problem, "passwordPolicy.minLength")).contains("at least 8", "floor");
        assertThat(messageOf(problem, "passwordPolicy.historyCount")).contains("at least 1");
        assertThat(messageOf(problem, "session.absoluteLifetimeMinutes")).contains("at most 1440");
        assertThat(messageOf(problem, "lockout.maxFailures")).contains("at most 10");
        assertThat(read(admin)).containsEntry("version", 0);
        assertThat(service.forCompany(company.id()).block().password().minLength()).isEqualTo(8);
        assertThat(settingsEvents(company.id())).isZero();
    }

    @Test
    @DisplayName("[SEC-PWPOL] values that contradict each other or the platform's limits answer 422 naming every field: min above max, max above 128, 5 classes, history above 24, expiry above 3650, idle longer than the session, MFA required with no channel")
    void inconsistentThenEveryFieldNamed() {
        TestCompany company = fixtures.company("矛盾株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        Map<String, Object> nonsense = form(admin);
        set(nonsense, "preset", "CUSTOM");
        set(nonsense, "passwordPolicy.minLength", 130);
        set(nonsense, "passwordPolicy.maxLength", 129);
        set(nonsense, "passwordPolicy.minCharacterClasses", 5);
        set(nonsense, "passwordPolicy.historyCount", 25);
        set(nonsense, "passwordExpiryDays", 3651);
        set(nonsense, "session.idleTimeoutMinutes", 600);
        set(nonsense, "session.absoluteLifetimeMinutes", 60);
        set(nonsense, "mfa.required", true);
        set(nonsense, "mfa.allowedChannels", List.of());

        Map<String, Object> problem = put(admin, "\"0\"", nonsense).expectStatus().isEqualTo(422)
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();

        assertThat(errors(problem)).containsExactlyInAnyOrder(
                "passwordPolicy.minLength inconsistent",
                "passwordPolicy.maxLength too-large",
                "passwordPolicy.maxLength inconsistent",
                "passwordPolicy.minCharacterClasses too-large",
                "passwordPolicy.historyCount too-large",
                "passwordExpiryDays too-large",
                "session.idleTimeoutMinutes inconsistent",
                "mfa.allowedChannels inconsistent");
        assertThat(messageOf(problem, "passwordPolicy.maxLength")).contains("128");
        assertThat(read(admin)).containsEntry("version", 0);
    }

    @Test
    @DisplayName("[SEC-CODE] an unknown preset or channel, a negative number or a missing section is refused as 400 before any rule")
    void malformedThenValidationProblem() {
        TestCompany company = fixtures.company("不正入力株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        Map<String, Object> unknownPreset = form(admin);
        set(unknownPreset, "preset", "NIST");
        Map<String, Object> unknownChannel = form(admin);
        set(unknownChannel, "mfa.allowedChannels", List.of("FAX"));
        Map<String, Object> negative = form(admin);
        set(negative, "passwordPolicy.minLength", -1);
        Map<String, Object> missing = form(admin);
        missing.remove("lockout");

        for (Map<String, Object> body : List.of(unknownPreset, unknownChannel, negative, missing)) {
            assertProblem(put(admin, "\"0\"", body).expectStatus().isBadRequest().expectBody(), "/problems/validation", 400);
        }
        assertThat(read(admin)).containsEntry("version", 0);
    }

    @Test
    @DisplayName("[PLT-CONC] a stale, weak, wildcard or unquoted If-Match answers 412 and changes nothing; a missing one answers 400 naming If-Match")
    void ifMatchWhenNotTheCurrentVersionThenPreconditionFailed() {
        TestCompany company = fixtures.company("版数株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        change(admin, form -> {
            set(form, "preset", "CUSTOM");
            set(form, "passwordPolicy.minLength", 10);
        });
        Map<String, Object> body = form(admin);
        set(body, "passwordPolicy.minLength", 11);

        for (String stale : List.of("\"0\"", "\"2\"", "W/\"1\"", "*", "1", "\"1 \"", "\"x\"")) {
            assertProblem(put(admin, stale, body).expectStatus().isEqualTo(412).expectBody(),
                    "/problems/precondition-failed", 412);
        }
        admin.put().uri(PATH).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/validation")
                .jsonPath("$.errors[0].field").isEqualTo("If-Match")
                .jsonPath("$.errors[0].code").isEqualTo("required");
        assertThat(read(admin)).containsEntry("version", 1);
        assertThat(get(read(admin), "passwordPolicy.minLength")).isEqualTo(10);

        put(admin, "\"9\", \"1\"", body).expectStatus().isOk();
        assertThat(get(read(admin), "passwordPolicy.minLength")).as("a list naming the current version matches").isEqualTo(11);
    }

    @Test
    @DisplayName("[PLT-CONC] two administrators saving from the same version at once: exactly one wins, the other gets 412, and one audit event is written; from the defaults and from a saved version alike")
    void racingChangesThenExactlyOneWins() throws Exception {
        TestCompany company = fixtures.company("競合株式会社");
        String secondAdmin = fixtures.user(company.id(), "ADMIN");
        WebTestClient first = client(login(company.adminLoginId()));
        WebTestClient second = client(login(secondAdmin));

        for (int version = 0; version < 2; version++) {
            Map<String, Object> a = form(first);
            set(a, "preset", "CUSTOM");
            set(a, "passwordPolicy.minLength", 10 + version);
            Map<String, Object> b = form(second);
            set(b, "preset", "CUSTOM");
            set(b, "passwordPolicy.minLength", 12 + version);
            String ifMatch = "\"" + version + "\"";

            List<Integer> statuses = race(() -> status(put(first, ifMatch, a)), () -> status(put(second, ifMatch, b)));

            assertThat(statuses).as("from version %s", version).containsExactlyInAnyOrder(200, 412);
            Map<String, Object> now = read(first);
            assertThat(now).containsEntry("version", version + 1);
            int winner = statuses.get(0) == 200 ? 10 + version : 12 + version;
            assertThat(get(now, "passwordPolicy.minLength")).isEqualTo(winner);
            assertThat(settingsEvents(company.id())).isEqualTo(version + 1L);
        }
    }

    @Test
    @DisplayName("[PLT-TENANT] the settings are the caller's company's: one company's change leaves every other company on its own")
    void changeThenOtherCompaniesUnaffected() {
        TestCompany a = fixtures.company("甲設定株式会社");
        TestCompany b = fixtures.company("乙設定株式会社");
        WebTestClient adminA = client(login(a.adminLoginId()));
        WebTestClient adminB = client(login(b.adminLoginId()));

        change(adminA, form -> set(form, "passwordExpiryDays", 30));

        assertThat(read(adminB)).containsEntry("version", 0).containsEntry("passwordExpiryDays", 0);
        assertThat(service.forCompany(b.id()).block().passwordExpiryDays()).isZero();
        assertThat(service.forCompany(a.id()).block().passwordExpiryDays()).isEqualTo(30);
        assertThat(auditEvents(adminB)).isEmpty();
    }

    private static WebTestClient.ResponseSpec put(WebTestClient client, String ifMatch, Object body) {
        return client.put().uri(PATH)
                .header(HttpHeaders.IF_MATCH, ifMatch)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private static int status(WebTestClient.ResponseSpec response) {
        return response.expectBody().returnResult().getStatus().value();
    }

    @SafeVarargs
    private static List<Integer> race(Callable<Integer>... calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.length);
        try {
            CyclicBarrier start = new CyclicBarrier(calls.length);
            List<Future<Integer>> futures = new ArrayList<>();
            for (Callable<Integer> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return call.call();
                }));
            }
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        }
        finally {
            pool.shutdownNow();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> errors(Map<String, Object> problem) {
        return ((List<Map<String, Object>>) problem.get("errors")).stream()
                .map(error -> error.get("field") + " " + error.get("code"))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static String messageOf(Map<String, Object> problem, String field) {
        return ((List<Map<String, Object>>) problem.get("errors")).stream()
                .filter(error -> field.equals(error.get("field")))
                .map(error -> (String) error.get("message"))
                .findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(Map<String, Object> event) {
        return (Map<String, Object>) event.get("details");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> auditEvents(WebTestClient admin) {
        Map<String, Object> page = admin.get().uri("/api/v1/audit?action=settings.security-update")
                .exchange()
                .expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
        return (List<Map<String, Object>>) page.get("items");
    }

    private long settingsEvents(UUID companyId) {
        return db.sql("SELECT count(*) AS n FROM audit_event WHERE company_id = :c AND action = 'settings.security-update'")
                .bind("c", companyId)
                .map((row, meta) -> row.get("n", Long.class))
                .one().block();
    }

    private UUID userId(String loginId) {
        return db.sql("SELECT id FROM app_user WHERE login_id = :login")
                .bind("login", loginId)
                .map((row, meta) -> row.get("id", UUID.class))
                .one().block();
    }
}
