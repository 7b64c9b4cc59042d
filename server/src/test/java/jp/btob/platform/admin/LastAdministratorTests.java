package jp.btob.platform.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import jp.btob.platform.permission.BuiltInRole;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.admin.AdminSteps.ADMIN_ROLE;
import static jp.btob.platform.admin.AdminSteps.STAFF_ROLE;
import static jp.btob.platform.admin.AdminSteps.USERS;
import static jp.btob.platform.admin.AdminSteps.action;
import static jp.btob.platform.admin.AdminSteps.atOnce;
import static jp.btob.platform.admin.AdminSteps.put;
import static jp.btob.platform.admin.AdminSteps.update;
import static jp.btob.platform.admin.AdminSteps.user;
import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** A company always keeps an active company administrator, also when two administrators act at once. */
class LastAdministratorTests extends IntegrationTest {

    private static final String LAST = "/problems/last-administrator";

    private final Sql sql = new Sql(DATABASE);

    @Test
    @DisplayName("[SEC-RBAC] the last active administrator cannot be disabled, deleted or lose the role: 409 last-administrator, nothing changed or audited; a disabled administrator does not count")
    void lastAdministratorWhenRemovedThenRefused() {
        TestCompany company = fixtures.company("最後の管理者株式会社");
        String dormant = fixtures.user(company.id(), "ADMIN");
        fixtures.disableUser(dormant);
        WebTestClient admin = client(login(company.adminLoginId()));
        UUID self = userId(company.adminLoginId());
        Map<String, Object> me = user(admin, self);

        assertProblem(action(admin, self, "disable").expectStatus().isEqualTo(409).expectBody(), LAST, 409);
        assertProblem(admin.delete().uri(USERS + "/{id}", self).exchange().expectStatus().isEqualTo(409).expectBody(), LAST, 409);
        assertProblem(put(admin, self, update(me, List.of(STAFF_ROLE), List.of(), List.of()))
                .expectStatus().isEqualTo(409).expectBody(), LAST, 409);

        assertThat(user(admin, self)).containsEntry("status", "ACTIVE").isEqualTo(me);
        assertThat(sql.count("SELECT count(*) FROM audit_event WHERE company_id = ? AND action LIKE 'user.%'", company.id()))
                .isZero();
    }

    @Test
    @DisplayName("[SEC-RBAC] with a second active administrator, an administrator may give up the role, and the other may then not")
    void secondAdministratorWhenPresentThenRoleMayBeGivenUp() {
        TestCompany company = fixtures.company("二人の管理者株式会社");
        String second = fixtures.user(company.id(), "ADMIN");
        WebTestClient admin = client(login(company.adminLoginId()));
        UUID self = userId(company.adminLoginId());

        put(admin, self, update(user(admin, self), List.of(STAFF_ROLE), List.of(), List.of())).expectStatus().isOk();

        WebTestClient other = client(login(second));
        UUID secondId = userId(second);
        assertProblem(action(other, secondId, "disable").expectStatus().isEqualTo(409).expectBody(), LAST, 409);
        assertThat(sql.count("SELECT count(*) FROM user_role WHERE user_id = ? AND role_id = ?", self,
                BuiltInRole.COMPANY_ADMIN.id())).isZero();
    }

    @Test
    @DisplayName("[SEC-RBAC] two administrators, the only two, taking the role from each other at the same moment: exactly one succeeds, the other gets 409 last-administrator, and one active administrator remains (five rounds)")
    void twoAdministratorsWhenDemotingEachOtherAtOnceThenExactlyOneWins() throws Exception {
        for (int round = 0; round < 5; round++) {
            TestCompany company = fixtures.company("相互降格株式会社");
            String second = fixtures.user(company.id(), "ADMIN");
            WebTestClient first = client(login(company.adminLoginId()));
            WebTestClient other = client(login(second));
            UUID firstId = userId(company.adminLoginId());
            UUID secondId = userId(second);
            Map<String, Object> demoteSecond = update(user(first, secondId), List.of(STAFF_ROLE), List.of(), List.of());
            Map<String, Object> demoteFirst = update(user(other, firstId), List.of(STAFF_ROLE), List.of(), List.of());

            List<Callable<Integer>> calls = new ArrayList<>();
            calls.add(() -> put(first, secondId, demoteSecond).returnResult(String.class).getStatus().value());
            calls.add(() -> put(other, firstId, demoteFirst).returnResult(String.class).getStatus().value());
            List<Integer> statuses = atOnce(calls);

            // The loser waits on the company's lock (409), or, arriving after the winner committed, has lost
            // the permission already (403): never do both succeed.
            assertThat(statuses).as("round " + round).containsOnlyOnce(200)
                    .anySatisfy(status -> assertThat(status).isIn(403, 409));
            assertThat(activeAdministrators(company.id())).as("round " + round).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("[SEC-RBAC] two administrators disabling each other at the same moment: exactly one succeeds and one active administrator remains")
    void twoAdministratorsWhenDisablingEachOtherAtOnceThenExactlyOneWins() throws Exception {
        for (int round = 0; round < 3; round++) {
            TestCompany company = fixtures.company("相互停止株式会社");
            String second = fixtures.user(company.id(), "ADMIN");
            WebTestClient first = client(login(company.adminLoginId()));
            WebTestClient other = client(login(second));
            UUID firstId = userId(company.adminLoginId());
            UUID secondId = userId(second);

            List<Callable<Integer>> calls = new ArrayList<>();
            calls.add(() -> action(first, secondId, "disable").returnResult(String.class).getStatus().value());
            calls.add(() -> action(other, firstId, "disable").returnResult(String.class).getStatus().value());
            List<Integer> statuses = atOnce(calls);

            // The loser waits on the company's lock (409), or, arriving after the winner committed, has no
            // session left (401): never do both succeed.
            assertThat(statuses).as("round " + round).containsOnlyOnce(200)
                    .anySatisfy(status -> assertThat(status).isIn(401, 409));
            assertThat(activeAdministrators(company.id())).as("round " + round).isEqualTo(1);
        }
    }

    private long activeAdministrators(UUID companyId) {
        return sql.count("""
                SELECT count(*) FROM app_user u JOIN user_role ur ON ur.user_id = u.id
                WHERE u.company_id = ? AND u.status = 'ACTIVE' AND ur.role_id = ?
                """, companyId, UUID.fromString(ADMIN_ROLE));
    }

    private UUID userId(String loginId) {
        return (UUID) sql.rows("SELECT id FROM app_user WHERE login_id = ?", loginId).get(0).get("id");
    }
}
