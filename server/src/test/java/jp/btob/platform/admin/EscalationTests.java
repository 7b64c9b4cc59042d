package jp.btob.platform.admin;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.btob.platform.permission.BuiltInRole;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.admin.AdminSteps.ADMIN_ROLE;
import static jp.btob.platform.admin.AdminSteps.ROLES;
import static jp.btob.platform.admin.AdminSteps.STAFF_ROLE;
import static jp.btob.platform.admin.AdminSteps.action;
import static jp.btob.platform.admin.AdminSteps.body;
import static jp.btob.platform.admin.AdminSteps.create;
import static jp.btob.platform.admin.AdminSteps.createRole;
import static jp.btob.platform.admin.AdminSteps.list;
import static jp.btob.platform.admin.AdminSteps.newUser;
import static jp.btob.platform.admin.AdminSteps.put;
import static jp.btob.platform.admin.AdminSteps.unique;
import static jp.btob.platform.admin.AdminSteps.update;
import static jp.btob.platform.admin.AdminSteps.user;
import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No one grants beyond their own permissions: the attacks an administrator with less than every
 * permission would try, each refused with 403 permission-escalation naming what they lack, with
 * nothing written.
 */
class EscalationTests extends IntegrationTest {

    private static final String ESCALATION = "/problems/permission-escalation";

    /** What a user administrator who is not a company administrator holds. */
    private static final List<String> USER_ADMIN = List.of("admin:users", "admin:roles", "order:read", "screen:orders");

    private final Sql sql = new Sql(DATABASE);

    @Test
    @DisplayName("[SEC-RBAC] a user with admin:users but not every permission cannot make anyone a company administrator, by change or by creation: 403 permission-escalation naming what they lack, nothing written")
    void companyAdminRoleWhenAssignedByLesserAdministratorThenRefused() {
        TestCompany company = fixtures.company("昇格攻撃株式会社");
        WebTestClient userAdmin = client(login(fixtures.userWith(company.id(), USER_ADMIN, List.of())));
        UUID staff = userId(company.staffLoginId());
        Map<String, Object> before = user(userAdmin, staff);

        WebTestClient.BodyContentSpec refused = put(userAdmin, staff, update(before, List.of(STAFF_ROLE, ADMIN_ROLE),
                List.of(), List.of())).expectStatus().isForbidden().expectBody();
        assertProblem(refused, ESCALATION, 403);
        refused.jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("admin:security", "admin:audit")
                .doesNotContain("admin:users,"));
        String loginId = unique("promoted");
        assertProblem(create(userAdmin, newUser(loginId, List.of(ADMIN_ROLE), List.of(), List.of()))
                .expectStatus().isForbidden().expectBody(), ESCALATION, 403);

        assertThat(user(userAdmin, staff)).isEqualTo(before);
        assertThat(sql.count("SELECT count(*) FROM app_user WHERE login_id = ?", loginId)).isZero();
        assertThat(sql.count("SELECT count(*) FROM audit_event WHERE company_id = ? AND action IN ('user.update', "
                + "'user.create', 'role.grant')", company.id())).isZero();
    }

    @Test
    @DisplayName("[SEC-RBAC] an administrator denied admin:audit cannot put it in a new role or add it to an existing one; a role of permissions they hold is fine")
    void roleWhenCarryingDeniedPermissionThenRefused() {
        TestCompany company = fixtures.company("役割攻撃株式会社");
        String restricted = fixtures.userWith(company.id(), List.of(), List.of("admin:audit"));
        fixtures.grantRole(restricted, BuiltInRole.COMPANY_ADMIN.id());
        WebTestClient admin = client(login(restricted));

        WebTestClient.BodyContentSpec refused = createRole(admin, "監査係", List.of("admin:audit", "order:read"))
                .expectStatus().isForbidden().expectBody();
        assertProblem(refused, ESCALATION, 403);
        refused.jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("admin:audit").doesNotContain("order:read"));
        assertThat(sql.count("SELECT count(*) FROM company_role WHERE company_id = ?", company.id())).isZero();

        String role = (String) body(createRole(admin, "受注係", List.of("order:read")).expectStatus().isCreated()).get("id");
        assertProblem(admin.put().uri(ROLES + "/{id}", role).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "受注係", "permissions", List.of("order:read", "admin:audit")))
                .exchange().expectStatus().isForbidden().expectBody(), ESCALATION, 403);
        assertThat(sql.rows("SELECT array_to_string(permissions, ',') AS p FROM company_role WHERE id = ?::uuid", role)
                .get(0)).containsEntry("p", "order:read");
    }

    @Test
    @DisplayName("[SEC-RBAC] self-grant: a user administrator cannot grant themselves a permission, assign themselves a role carrying one, nor an administrator lift their own denial")
    void selfGrantWhenTriedThenRefused() {
        TestCompany company = fixtures.company("自己付与株式会社");
        String userAdminLogin = fixtures.userWith(company.id(), USER_ADMIN, List.of());
        WebTestClient userAdmin = client(login(userAdminLogin));
        UUID self = userId(userAdminLogin);
        Map<String, Object> me = user(userAdmin, self);
        WebTestClient fullAdmin = client(login(company.adminLoginId()));
        String invoicing = (String) body(createRole(fullAdmin, "請求係", List.of("invoice:issue")).expectStatus().isCreated())
                .get("id");

        assertProblem(put(userAdmin, self, update(me, List.of(), append(USER_ADMIN, "admin:security"), List.of()))
                .expectStatus().isForbidden().expectBody(), ESCALATION, 403);
        assertProblem(put(userAdmin, self, update(me, List.of(invoicing), USER_ADMIN, List.of()))
                .expectStatus().isForbidden().expectBody(), ESCALATION, 403);
        assertThat(user(userAdmin, self)).isEqualTo(me);

        String deniedLogin = fixtures.userWith(company.id(), List.of(), List.of("admin:audit"));
        fixtures.grantRole(deniedLogin, BuiltInRole.COMPANY_ADMIN.id());
        WebTestClient denied = client(login(deniedLogin));
        UUID deniedId = userId(deniedLogin);
        Map<String, Object> deniedBefore = user(denied, deniedId);
        WebTestClient.BodyContentSpec lifted = put(denied, deniedId, update(deniedBefore, List.of(ADMIN_ROLE), List.of(),
                List.of())).expectStatus().isForbidden().expectBody();
        assertProblem(lifted, ESCALATION, 403);
        lifted.jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("admin:audit"));
        assertThat(list(user(denied, deniedId).get("denials"))).containsExactly("admin:audit");
    }

    @Test
    @DisplayName("[SEC-RBAC] denials are always allowed: a user administrator denies a colleague a permission they do not hold themselves, and it takes effect")
    void denialWhenOfPermissionNotHeldThenAllowed() {
        TestCompany company = fixtures.company("拒否許可株式会社");
        WebTestClient userAdmin = client(login(fixtures.userWith(company.id(), USER_ADMIN, List.of())));
        UUID staff = userId(company.staffLoginId());

        Map<String, Object> changed = body(put(userAdmin, staff, update(user(userAdmin, staff), List.of(STAFF_ROLE),
                List.of(), List.of("invoice:issue"))).expectStatus().isOk());

        assertThat(list(changed.get("denials"))).containsExactly("invoice:issue");
        assertThat(list(changed.get("permissions"))).doesNotContain("invoice:issue").contains("order:place");
    }

    @Test
    @DisplayName("[SEC-RBAC] a user administrator cannot reset the password of a user holding more than they do (it would let them sign in as that user); the password stays")
    void passwordResetWhenTargetHoldsMoreThenRefused() {
        TestCompany company = fixtures.company("再設定攻撃株式会社");
        WebTestClient userAdmin = client(login(fixtures.userWith(company.id(), USER_ADMIN, List.of())));

        assertProblem(action(userAdmin, userId(company.adminLoginId()), "password-reset").expectStatus().isForbidden()
                .expectBody(), ESCALATION, 403);

        assertThat(login(company.adminLoginId())).isNotBlank();
        assertThat(sql.count("SELECT count(*) FROM app_user WHERE login_id = ? AND password_reset_required",
                company.adminLoginId())).isZero();
    }

    @Test
    @DisplayName("[SEC-RBAC] a user administrator cannot disable or delete a user holding more than they do (shutting out those above them); the administrator stays active and signed in")
    void disableOrDeleteWhenTargetHoldsMoreThenRefused() {
        TestCompany company = fixtures.company("締出し攻撃株式会社");
        String admin = company.adminLoginId();
        String session = login(admin);
        WebTestClient userAdmin = client(login(fixtures.userWith(company.id(), USER_ADMIN, List.of())));

        assertProblem(action(userAdmin, userId(admin), "disable").expectStatus().isForbidden().expectBody(), ESCALATION, 403);
        assertProblem(userAdmin.delete().uri("/api/v1/admin/users/{id}", userId(admin)).exchange()
                .expectStatus().isForbidden().expectBody(), ESCALATION, 403);

        assertThat(sql.count("SELECT count(*) FROM app_user WHERE login_id = ? AND status = 'ACTIVE'", admin)).isEqualTo(1);
        client(session).get().uri("/api/v1/me").exchange().expectStatus().isOk();
        // A peer holding no more than the user administrator can be disabled.
        String peer = fixtures.userWith(company.id(), List.of("order:read"), List.of());
        action(userAdmin, userId(peer), "disable").expectStatus().isOk();
    }

    private static List<String> append(List<String> permissions, String more) {
        List<String> all = new java.util.ArrayList<>(permissions);
        all.add(more);
        return all;
    }

    private UUID userId(String loginId) {
        return (UUID) sql.rows("SELECT id FROM app_user WHERE login_id = ?", loginId).get(0).get("id");
    }
}
