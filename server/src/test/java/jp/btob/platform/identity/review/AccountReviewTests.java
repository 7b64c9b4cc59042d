package jp.btob.platform.identity.review;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.LoginSteps;
import jp.btob.platform.support.SecuritySettingsSteps;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The account review shows every account of the caller's company as it stands, and nobody else's. */
class AccountReviewTests extends IntegrationTest {

    private static final String PATH = "/api/v1/admin/account-review";

    private static final String OPERATOR_PATH = "/api/v1/operator/account-review";

    private static final String WRONG = "Wrong#Guess-2026";

    private final Sql sql = new Sql(DATABASE);

    @Test
    @DisplayName("[OPS-ACCT] each column is right for accounts never logged in, dormant 10 days, disabled, locked and with a second factor required and chosen")
    void reviewWhenAccountsInSeveralStatesThenColumnsRight() {
        TestCompany c = fixtures.company("株式会社棚卸");
        TestCompany other = fixtures.company("株式会社他社棚卸");
        String never = fixtures.user(c.id(), "STAFF");
        String disabled = fixtures.user(c.id(), "STAFF");
        fixtures.disableUser(disabled);
        String locked = fixtures.user(c.id(), "STAFF");

        String staffToken = login(c.staffLoginId());
        client(staffToken).put().uri("/api/v1/me/mfa").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("channel", "EMAIL")).exchange().expectStatus().isOk();
        clock.advance(Duration.ofDays(10).plusHours(1));
        String adminToken = login(c.adminLoginId());
        for (int i = 0; i < 5; i++) {
            assertThat(LoginSteps.refused(client(), locked, WRONG).status()).isEqualTo(401);
        }
        SecuritySettingsSteps.change(client(adminToken), form -> SecuritySettingsSteps.set(form, "mfa.required", true));

        Map<String, Map<String, Object>> byLogin = byLogin(review(client(adminToken), ""));

        assertThat(byLogin.keySet()).as("every account of the company, active and disabled, and no other company's")
                .containsExactlyInAnyOrder(c.adminLoginId(), c.staffLoginId(), never, disabled, locked)
                .doesNotContain(other.adminLoginId(), other.staffLoginId());
        assertThat(byLogin.values()).allSatisfy(row -> {
            assertThat(row.get("companyCode")).isEqualTo(c.code());
            assertThat(row.get("mfaRequired")).as("the company requires a second factor").isEqualTo(true);
            assertThat(row.get("passwordAgeDays")).isEqualTo(10);
            assertThat(row.get("totpEnrolled")).isEqualTo(false);
        });

        Map<String, Object> admin = byLogin.get(c.adminLoginId());
        assertThat(admin.get("roles")).isEqualTo(List.of("company-admin"));
        assertThat(admin.get("daysDormant")).isEqualTo(0);
        assertThat(admin.get("liveSessions")).isEqualTo(1);
        assertThat(admin.get("locked")).isEqualTo(false);

        Map<String, Object> staff = byLogin.get(c.staffLoginId());
        assertThat(staff.get("roles")).isEqualTo(List.of("staff"));
        assertThat(staff.get("daysDormant")).as("since the last login, on the platform's clock").isEqualTo(10);
        assertThat(OffsetDateTime.parse((String) staff.get("lastLoginAt")).toInstant())
                .isBefore(clock.instant().minus(Duration.ofDays(10)));
        assertThat(staff.get("mfaChannel")).isEqualTo("EMAIL");
        assertThat(staff.get("liveSessions")).as("its 12-hour session expired days ago").isEqualTo(0);

        Map<String, Object> neverRow = byLogin.get(never);
        assertThat(neverRow).doesNotContainKey("lastLoginAt");
        assertThat(neverRow.get("daysDormant")).as("since creation when never logged in").isEqualTo(10);
        assertThat(neverRow).doesNotContainKey("mfaChannel");
        assertThat(neverRow.get("status")).isEqualTo("ACTIVE");

        assertThat(byLogin.get(disabled).get("status")).isEqualTo("DISABLED");

        Map<String, Object> lockedRow = byLogin.get(locked);
        assertThat(lockedRow.get("locked")).isEqualTo(true);
        assertThat(OffsetDateTime.parse((String) lockedRow.get("lockedUntil")).toInstant()).isAfter(clock.instant());
        assertThat(byLogin.get(never).get("locked")).isEqualTo(false);
        assertThat(byLogin.get(never)).doesNotContainKey("lockedUntil");

        clock.advance(Duration.ofMinutes(31));
        assertThat(byLogin(operatorReview(client(operatorLogin(fixtures.operator())))).get(locked).get("locked"))
                .as("a lock that has run out is not shown").isEqualTo(false);
    }

    @Test
    @DisplayName("[OPS-ACCT] dormantDays keeps the accounts dormant at least that long, none when none are, and a negative one is refused")
    void reviewWhenDormantDaysThenFiltered() {
        TestCompany c = fixtures.company("株式会社休眠");
        String idle = fixtures.user(c.id(), "STAFF");
        clock.advance(Duration.ofDays(8).plusHours(1));
        login(c.staffLoginId());
        String adminToken = login(c.adminLoginId());

        assertThat(byLogin(review(client(adminToken), "?dormantDays=7")).keySet()).containsExactly(idle);
        assertThat(byLogin(review(client(adminToken), "?dormantDays=8")).keySet()).containsExactly(idle);
        assertThat(review(client(adminToken), "?dormantDays=9")).isEmpty();
        assertThat(byLogin(review(client(adminToken), "?dormantDays=0")).keySet())
                .containsExactlyInAnyOrder(idle, c.adminLoginId(), c.staffLoginId());
        client(adminToken).get().uri(PATH + "?dormantDays=-1").exchange().expectStatus().isBadRequest();
    }

    @Test
    @DisplayName("[OPS-ACCT] the CSV starts with a UTF-8 BOM and the header, has one line per account, keeps Japanese names and neutralises a formula-leading display name")
    void exportWhenFormulaNameThenNeutralisedWithBomAndHeader() {
        TestCompany c = fixtures.company("株式会社表計算");
        String evil = fixtures.user(c.id(), "STAFF");
        sql.update("UPDATE app_user SET display_name = ? WHERE login_id = ?",
                "=HYPERLINK(\"http://evil.example\",\"x\")", evil);
        String adminToken = login(c.adminLoginId());

        EntityExchangeResult<byte[]> result = client(adminToken).get().uri(PATH + "/export").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/csv")
                .expectBody().returnResult();

        byte[] body = result.getResponseBody();
        assertThat(Arrays.copyOf(body, 3)).as("UTF-8 BOM").containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(result.getResponseHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
                .contains("account-review-" + c.id() + ".csv");
        List<String> lines = List.of(new String(body, StandardCharsets.UTF_8).substring(1).split("\r\n"));
        assertThat(lines.get(0)).isEqualTo(AccountReviewCsv.HEADER);
        assertThat(lines).hasSize(4);
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .startsWith(c.code() + "," + evil + ",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\","));
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .startsWith(c.code() + "," + c.adminLoginId() + ",テスト " + c.adminLoginId() + ",")
                .contains(",company-admin,,,ACTIVE,"));
        assertThat(lines).noneMatch(line -> line.contains(",=") || line.startsWith("="));
    }

    @Test
    @DisplayName("[OPS-ACCT] staff are refused the report and its CSV, and nothing is audited for them")
    void reviewWhenStaffThenForbidden() {
        TestCompany c = fixtures.company("株式会社担当拒否");
        WebTestClient staff = client(login(c.staffLoginId()));

        assertProblem(staff.get().uri(PATH).exchange().expectStatus().isForbidden().expectBody(),
                "/problems/permission-denied", 403);
        staff.get().uri(PATH + "/export").exchange().expectStatus().isForbidden();
        assertThat(sql.count("SELECT count(*) FROM audit_event WHERE company_id = ? AND action = 'admin.account-review'",
                c.id())).isZero();
    }

    @Test
    @DisplayName("[OPS-ACCT] each report is audited on the company's chain with the administrator, the row count and the format")
    void reviewWhenGeneratedThenAudited() {
        TestCompany c = fixtures.company("株式会社監査証跡");
        String adminToken = login(c.adminLoginId());

        int rows = review(client(adminToken), "").size();
        client(adminToken).get().uri(PATH + "/export?dormantDays=30").exchange().expectStatus().isOk();

        List<Map<String, Object>> events = sql.rows("SELECT actor_type, actor_id, target_id, details->>'rows' AS rows,"
                + " details->>'format' AS format, details->>'dormantDays' AS dormant FROM audit_event"
                + " WHERE company_id = ? AND action = 'admin.account-review' ORDER BY seq", c.id());
        UUID adminId = (UUID) sql.rows("SELECT id FROM app_user WHERE login_id = ?", c.adminLoginId()).get(0).get("id");
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).containsEntry("actor_type", "USER").containsEntry("actor_id", adminId)
                .containsEntry("target_id", c.id()).containsEntry("rows", String.valueOf(rows))
                .containsEntry("format", "json").containsEntry("dormant", null);
        assertThat(rows).isEqualTo(2);
        assertThat(events.get(1)).containsEntry("rows", "0").containsEntry("format", "csv")
                .containsEntry("dormant", "30");
    }

    @Test
    @DisplayName("[OPS-ACCT] the operators' report lists every company's accounts with their codes, as JSON and CSV, audited on the platform chain by the operator")
    void operatorReviewWhenOperatorThenAllCompaniesAndAudited() {
        TestCompany a = fixtures.company("株式会社全社一");
        TestCompany b = fixtures.company("株式会社全社二");
        String operatorId = fixtures.operator();
        WebTestClient operator = client(operatorLogin(operatorId));
        long before = platformReviews();

        List<Map<String, Object>> rows = operatorReview(operator);

        Map<String, Object> aAdmin = byLogin(rows).get(a.adminLoginId());
        Map<String, Object> bStaff = byLogin(rows).get(b.staffLoginId());
        assertThat(aAdmin.get("companyCode")).isEqualTo(a.code());
        assertThat(bStaff.get("companyCode")).isEqualTo(b.code());
        assertThat(rows).extracting(row -> row.get("companyCode")).as("the demo companies too")
                .hasSizeGreaterThan(4);
        assertThat(rows.size()).isEqualTo(sql.count("SELECT count(*) FROM app_user"));

        String csv = whole(operator).get().uri(OPERATOR_PATH + "/export").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(csv).startsWith("\uFEFF" + AccountReviewCsv.HEADER + "\r\n")
                .contains("\r\n" + a.code() + "," + a.adminLoginId() + ",")
                .contains("\r\n" + b.code() + "," + b.staffLoginId() + ",");

        assertThat(platformReviews() - before).isEqualTo(2);
        Map<String, Object> event = sql.rows("SELECT actor_type, details->>'rows' AS rows FROM audit_event"
                + " WHERE company_id IS NULL AND action = 'admin.account-review' ORDER BY seq LIMIT 1"
                + " OFFSET ?", before).get(0);
        assertThat(event).containsEntry("actor_type", "OPERATOR").containsEntry("rows", String.valueOf(rows.size()));
    }

    @Test
    @DisplayName("[OPS-ACCT] a company administrator's token is refused on the operators' report, and an operator's on the company report")
    void operatorReviewWhenCompanyTokenThenRefused() {
        TestCompany c = fixtures.company("株式会社越境");
        WebTestClient admin = client(login(c.adminLoginId()));
        WebTestClient operator = client(operatorLogin(fixtures.operator()));

        admin.get().uri(OPERATOR_PATH).exchange().expectStatus().isUnauthorized();
        admin.get().uri(OPERATOR_PATH + "/export").exchange().expectStatus().isUnauthorized();
        operator.get().uri(PATH).exchange().expectStatus().isUnauthorized();
    }

    private long platformReviews() {
        return sql.count("SELECT count(*) FROM audit_event WHERE company_id IS NULL AND action = 'admin.account-review'");
    }

    private static List<Map<String, Object>> operatorReview(WebTestClient operator) {
        return report(operator, OPERATOR_PATH);
    }

    private static List<Map<String, Object>> review(WebTestClient admin, String query) {
        return report(admin, PATH + query);
    }

    private static List<Map<String, Object>> report(WebTestClient client, String uri) {
        Map<String, Object> body = whole(client).get().uri(uri).exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                })
                .returnResult().getResponseBody();
        assertThat(body).containsKey("generatedAt");
        return cast((List<?>) body.get("accounts"));
    }

    /**
     * The operators' report holds every account of the platform, and so every account the suite has
     * made by then: read whole, past the client's default 256 KB.
     */
    private static WebTestClient whole(WebTestClient client) {
        return client.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(64 * 1024 * 1024)).build();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> cast(List<?> list) {
        return (List<Map<String, Object>>) list;
    }

    private static Map<String, Map<String, Object>> byLogin(List<Map<String, Object>> rows) {
        return rows.stream().collect(Collectors.toMap(row -> (String) row.get("loginId"), Function.identity()));
    }
}
