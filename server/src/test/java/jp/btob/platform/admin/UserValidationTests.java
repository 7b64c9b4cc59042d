package jp.btob.platform.admin;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.admin.AdminSteps.STAFF_ROLE;
import static jp.btob.platform.admin.AdminSteps.create;
import static jp.btob.platform.admin.AdminSteps.newUser;
import static jp.btob.platform.admin.AdminSteps.put;
import static jp.btob.platform.admin.AdminSteps.unique;
import static jp.btob.platform.admin.AdminSteps.update;
import static jp.btob.platform.admin.AdminSteps.user;
import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Bad requests to the user administration answer RFC 9457 problems and write nothing. */
class UserValidationTests extends IntegrationTest {

    private final Sql sql = new Sql(DATABASE);

    @Test
    @DisplayName("[SEC-RBAC] a login ID taken anywhere on the platform, in any case, answers 409 conflict; nothing is written")
    void createWhenLoginIdTakenInAnyCaseThenConflict() {
        TestCompany company = fixtures.company("重複株式会社");
        TestCompany other = fixtures.company("重複他社株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        long users = usersOf(company.id());

        assertProblem(create(admin, newUser(other.staffLoginId().toUpperCase(), List.of(STAFF_ROLE), List.of(), List.of()))
                .expectStatus().isEqualTo(409).expectBody(), "/problems/conflict", 409);

        assertThat(usersOf(company.id())).isEqualTo(users);
        assertThat(writes(company.id())).isZero();
    }

    @Test
    @DisplayName("[SEC-RBAC] [PLT-ERR] malformed users answer 400 validation naming each field, and contradictory or unknown assignments 422; nothing is written")
    void createWhenInvalidThenProblemsAndNothingWritten() {
        TestCompany company = fixtures.company("検証株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        long users = usersOf(company.id());

        Map<String, Object> badEmail = newUser(unique("mail"), List.of(), List.of(), List.of());
        badEmail.put("email", "not an address");
        badEmail.put("loginId", "x y");
        WebTestClient.BodyContentSpec invalid = create(admin, badEmail).expectStatus().isBadRequest().expectBody();
        assertProblem(invalid, "/problems/validation", 400);
        invalid.jsonPath("$.errors[?(@.field == 'email')]").exists().jsonPath("$.errors[?(@.field == 'loginId')]").exists();

        Map<String, Object> unknownPermission = newUser(unique("perm"), List.of(), List.of("invoice:everything"), List.of());
        assertProblem(create(admin, unknownPermission).expectStatus().isBadRequest().expectBody(), "/problems/validation", 400);

        WebTestClient.BodyContentSpec both = create(admin, newUser(unique("both"), List.of(), List.of("order:read"),
                List.of("order:read"))).expectStatus().isEqualTo(422).expectBody();
        assertProblem(both, "/problems/unprocessable", 422);
        both.jsonPath("$.errors[0].field").isEqualTo("denials").jsonPath("$.errors[0].code").isEqualTo("inconsistent");

        WebTestClient.BodyContentSpec noRole = create(admin, newUser(unique("role"), List.of(UUID.randomUUID().toString()),
                List.of(), List.of())).expectStatus().isEqualTo(422).expectBody();
        assertProblem(noRole, "/problems/unprocessable", 422);
        noRole.jsonPath("$.errors[0].field").isEqualTo("roleIds");

        Map<String, Object> blank = newUser(unique("blank"), List.of(), List.of(), List.of());
        blank.put("displayName", "   ");
        assertProblem(create(admin, blank).expectStatus().isEqualTo(422).expectBody(), "/problems/unprocessable", 422);

        assertThat(usersOf(company.id())).isEqualTo(users);
        assertThat(writes(company.id())).isZero();
    }

    @Test
    @DisplayName("[SEC-RBAC] an update refused for an unknown role changes nothing, its valid name change and grant included")
    void updateWhenRefusedThenNothingHalfWritten() {
        TestCompany company = fixtures.company("半端株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        UUID staff = (UUID) sql.rows("SELECT id FROM app_user WHERE login_id = ?", company.staffLoginId()).get(0).get("id");
        Map<String, Object> before = user(admin, staff);
        Map<String, Object> change = update(before, List.of(STAFF_ROLE, UUID.randomUUID().toString()), List.of("admin:audit"),
                List.of());
        change.put("displayName", "新しい名前");

        assertProblem(put(admin, staff, change).expectStatus().isEqualTo(422).expectBody(), "/problems/unprocessable", 422);

        assertThat(user(admin, staff)).isEqualTo(before);
        assertThat(writes(company.id())).isZero();
    }

    private long usersOf(UUID companyId) {
        return sql.count("SELECT count(*) FROM app_user WHERE company_id = ?", companyId);
    }

    private long writes(UUID companyId) {
        return sql.count("SELECT count(*) FROM audit_event WHERE company_id = ? AND (action LIKE 'user.%' OR action LIKE 'role.%')",
                companyId);
    }
}
