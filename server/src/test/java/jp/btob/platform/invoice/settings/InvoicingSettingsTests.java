package jp.btob.platform.invoice.settings;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jp.btob.platform.invoice.IssuerKind;
import jp.btob.platform.invoice.RegistrationNumber;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.Sql;
import jp.btob.platform.tax.TaxRounding;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The invoicing settings resource: defaults, registration numbers over HTTP, permissions, versions, audit, tenancy. */
class InvoicingSettingsTests extends IntegrationTest {

    private static final String PATH = "/api/v1/company/invoicing";

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
    };

    private final Sql sql = new Sql(DATABASE);

    @Autowired
    private InvoicingSettingsService service;

    @Test
    @DisplayName("[SVC-INV] a company that never saved its invoicing settings has the defaults as version 0: no registration number, corporation, tax rounded down, 30 days")
    void readWhenNeverSavedThenDefaults() {
        TestCompany company = fixtures.company("請求既定株式会社");

        Map<String, Object> settings = client(login(company.staffLoginId())).get().uri(PATH).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ETAG, "\"0\"")
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();

        assertThat(settings).isEqualTo(Map.of("issuerKind", "corporation", "taxRounding", "floor",
                "paymentTermsDays", 30, "version", 0));
    }

    @Test
    @DisplayName("[SVC-INV] an administrator saves a corporation's registration number: 200 version 1, read back, in force for invoices, audited with before and after")
    void adminWhenValidNumberThenSavedAndAudited() {
        TestCompany company = fixtures.company("適格株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));

        Map<String, Object> saved = put(admin, "\"0\"", body("T7000012050002", "corporation", "half-up", 45))
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ETAG, "\"1\"")
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();

        assertThat(saved).containsEntry("registrationNumber", "T7000012050002").containsEntry("taxRounding", "half-up")
                .containsEntry("paymentTermsDays", 45).containsEntry("version", 1).containsKeys("updatedAt", "updatedBy");
        assertThat(read(admin)).isEqualTo(saved);
        IssuerSettings inForce = service.forCompany(company.id()).block();
        assertThat(inForce.registrationNumber()).contains(new RegistrationNumber("T7000012050002"));
        assertThat(inForce.taxRounding()).isEqualTo(TaxRounding.HALF_UP);
        assertThat(inForce.issuerKind()).isEqualTo(IssuerKind.CORPORATION);
        List<Map<String, Object>> events = sql.rows("SELECT details->'before'->>'taxRounding' AS before,"
                + " details->'after'->>'registrationNumber' AS after FROM audit_event"
                + " WHERE company_id = ? AND action = 'settings.invoicing-update'", company.id());
        assertThat(events).singleElement().isEqualTo(Map.of("before", "floor", "after", "T7000012050002"));
    }

    @Test
    @DisplayName("[SVC-INV] a corporation's number with a wrong check digit answers 422 invalid-registration-number naming the field (invalid); a malformed one names it (format); nothing is saved")
    void adminWhenInvalidNumberThenRefusedNamingFieldAndReason() {
        TestCompany company = fixtures.company("誤番号株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));

        WebTestClient.BodyContentSpec checkDigit = put(admin, "\"0\"", body("T1000012050002", "corporation", "floor", 30))
                .expectStatus().isEqualTo(422).expectBody();
        assertProblem(checkDigit, "/problems/invalid-registration-number", 422);
        checkDigit.jsonPath("$.errors[0].field").isEqualTo("registrationNumber")
                .jsonPath("$.errors[0].code").isEqualTo("invalid");

        for (String malformed : List.of("7000012050002", "T700001205000", "T７000012050002", "X7000012050002")) {
            WebTestClient.BodyContentSpec format = put(admin, "\"0\"", body(malformed, "sole-proprietor", "floor", 30))
                    .expectStatus().isEqualTo(422).expectBody();
            assertProblem(format, "/problems/invalid-registration-number", 422);
            format.jsonPath("$.errors[0].field").isEqualTo("registrationNumber")
                    .jsonPath("$.errors[0].code").isEqualTo("format");
        }

        assertThat(read(admin)).containsEntry("version", 0).doesNotContainKey("registrationNumber");
        assertThat(events(company)).isZero();
    }

    @Test
    @DisplayName("[SVC-INV] a sole proprietor's number is checked for its form only, and the number can be removed again")
    void soleProprietorWhenWellFormedThenSavedAndRemovable() {
        TestCompany company = fixtures.company("個人事業者");
        WebTestClient admin = client(login(company.adminLoginId()));

        put(admin, "\"0\"", body("T1000012050002", "sole-proprietor", "ceiling", 0)).expectStatus().isOk();
        Map<String, Object> removed = put(admin, "\"1\"", body(null, "sole-proprietor", "ceiling", 0))
                .expectStatus().isOk().expectBody(JSON_OBJECT).returnResult().getResponseBody();

        assertThat(removed).containsEntry("version", 2).doesNotContainKey("registrationNumber");
        assertThat(service.forCompany(company.id()).block().registrationNumber()).isEmpty();
    }

    @Test
    @DisplayName("[SVC-INV] staff and viewers read the settings (invoice:read) but may not change them (403 permission-denied), not even with a broken body; nothing is written")
    void staffWhenChangeThenForbidden() {
        TestCompany company = fixtures.company("権限株式会社");
        WebTestClient staff = client(login(company.staffLoginId()));
        WebTestClient viewer = client(login(fixtures.user(company.id(), "VIEWER")));

        read(viewer);
        assertProblem(put(staff, "\"0\"", body("T7000012050002", "corporation", "floor", 30))
                .expectStatus().isForbidden().expectBody(), "/problems/permission-denied", 403);
        assertProblem(put(viewer, "\"0\"", Map.of("registrationNumber", "nonsense"))
                .expectStatus().isForbidden().expectBody(), "/problems/permission-denied", 403);

        assertThat(read(staff)).containsEntry("version", 0);
        assertThat(events(company)).isZero();
    }

    @Test
    @DisplayName("[SVC-INV] a change must name the version in force: a stale or missing If-Match answers 412 and changes nothing")
    void changeWhenStaleVersionThenPreconditionFailed() {
        TestCompany company = fixtures.company("版株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        put(admin, "\"0\"", body("T7000012050002", "corporation", "floor", 30)).expectStatus().isOk();

        assertProblem(put(admin, "\"0\"", body(null, "corporation", "ceiling", 10)).expectStatus().isEqualTo(412)
                .expectBody(), "/problems/precondition-failed", 412);
        assertProblem(put(admin, "\"2\"", body(null, "corporation", "ceiling", 10)).expectStatus().isEqualTo(412)
                .expectBody(), "/problems/precondition-failed", 412);

        assertThat(read(admin)).containsEntry("version", 1).containsEntry("registrationNumber", "T7000012050002");
        assertThat(events(company)).isEqualTo(1);
    }

    @Test
    @DisplayName("[SVC-INV] two administrators saving at the same version at the same moment: exactly one wins, the other gets 412, and one change is audited (five rounds)")
    void concurrentWritersThenExactlyOneWins() {
        TestCompany company = fixtures.company("競合請求株式会社");
        WebTestClient first = client(login(company.adminLoginId()));
        WebTestClient second = client(login(fixtures.user(company.id(), "ADMIN")));
        for (int version = 0; version < 5; version++) {
            String ifMatch = "\"" + version + "\"";
            List<Integer> statuses = Flux.just(body(null, "corporation", "floor", version),
                            body("T7000012050002", "corporation", "ceiling", version))
                    .zipWith(Flux.just(first, second))
                    .flatMap(race -> Mono.fromCallable(() -> put(race.getT2(), ifMatch, race.getT1())
                                    .expectBody().returnResult().getStatus().value())
                            .subscribeOn(Schedulers.boundedElastic()))
                    .collectList().block();

            assertThat(statuses).containsExactlyInAnyOrder(200, 412);
            assertThat(read(first)).containsEntry("version", version + 1);
            assertThat(events(company)).isEqualTo(version + 1L);
        }
    }

    @Test
    @DisplayName("[SVC-INV] out-of-range payment terms and unknown roundings or issuer kinds answer 400 validation")
    void changeWhenOutOfContractThenValidation() {
        TestCompany company = fixtures.company("範囲株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));

        assertProblem(put(admin, "\"0\"", body(null, "corporation", "floor", 366)).expectStatus().isBadRequest()
                .expectBody(), "/problems/validation", 400);
        assertProblem(put(admin, "\"0\"", body(null, "corporation", "banker", 30)).expectStatus().isBadRequest()
                .expectBody(), "/problems/validation", 400);
        assertProblem(put(admin, "\"0\"", body(null, "partnership", "floor", 30)).expectStatus().isBadRequest()
                .expectBody(), "/problems/validation", 400);
        assertThat(events(company)).isZero();
    }

    @Test
    @DisplayName("[PLT-TENANT] the invoicing settings are the caller's company's: one company's registration number is neither shown to nor in force for another")
    void changeThenOtherCompaniesUnaffected() {
        TestCompany a = fixtures.company("甲請求株式会社");
        TestCompany b = fixtures.company("乙請求株式会社");
        WebTestClient adminA = client(login(a.adminLoginId()));
        WebTestClient adminB = client(login(b.adminLoginId()));

        put(adminA, "\"0\"", body("T7000012050002", "corporation", "ceiling", 60)).expectStatus().isOk();
        put(adminB, "\"0\"", body("T1180301018771", "corporation", "floor", 30)).expectStatus().isOk();

        assertThat(read(adminB)).containsEntry("registrationNumber", "T1180301018771").containsEntry("version", 1);
        assertThat(service.forCompany(b.id()).block().taxRounding()).isEqualTo(TaxRounding.FLOOR);
        assertThat(service.forCompany(a.id()).block().taxRounding()).isEqualTo(TaxRounding.CEILING);
        assertThat(events(b)).isEqualTo(1);
    }

    private static Map<String, Object> body(String registrationNumber, String kind, String rounding, int terms) {
        Map<String, Object> body = new HashMap<>();
        body.put("registrationNumber", registrationNumber);
        body.put("issuerKind", kind);
        body.put("taxRounding", rounding);
        body.put("paymentTermsDays", terms);
        return body;
    }

    private static Map<String, Object> read(WebTestClient client) {
        return client.get().uri(PATH).exchange().expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    private static WebTestClient.ResponseSpec put(WebTestClient client, String ifMatch, Object body) {
        return client.put().uri(PATH)
                .header(HttpHeaders.IF_MATCH, ifMatch)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private long events(TestCompany company) {
        return sql.count("SELECT count(*) FROM audit_event WHERE company_id = ? AND action = 'settings.invoicing-update'",
                company.id());
    }
}
