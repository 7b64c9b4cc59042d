package jp.btob.platform.admin;

import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import static jp.btob.platform.admin.AdminSteps.body;
import static jp.btob.platform.admin.AdminSteps.createRole;
import static jp.btob.platform.admin.AdminSteps.list;
import static jp.btob.platform.admin.AdminSteps.put;
import static jp.btob.platform.admin.AdminSteps.update;
import static jp.btob.platform.admin.AdminSteps.user;
import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Custom roles, the built-in ones that cannot change, and the permission catalogue. */
class RoleAdministrationTests extends IntegrationTest {

    private final Sql sql = new Sql(DATABASE);

    @Test
    @DisplayName("[SEC-RBAC] the catalogue lists every permission with its kind and description, and the three built-in roles with their permissions")
    void catalogueThenEveryPermissionAndBuiltInRoles() {
        WebTestClient admin = client(login(fixtures.company("目録株式会社").adminLoginId()));

        Map<String, Object> catalogue = body(admin.get().uri("/api/v1/admin/permissions").exchange().expectStatus().isOk());

        List<Map<String, Object>> permissions = list(catalogue.get("permissions"));
        assertThat(permissions).hasSize(jp.btob.platform.api.model.Permission.values().length)
                .allSatisfy(entry -> assertThat((String) entry.get("description")).isNotBlank());
        assertThat(permissions).filteredOn(entry -> "screen".equals(entry.get("kind")))
                .allSatisfy(entry -> assertThat((String) entry.get("permission")).startsWith("screen:"));
        assertThat(permissions).filteredOn(entry -> "function".equals(entry.get("kind")))
                .extracting(entry -> entry.get("permission")).contains("admin:users", "invoice:issue");
        List<Map<String, Object>> builtIn = list(catalogue.get("builtInRoles"));
        assertThat(builtIn).extracting(role -> role.get("key")).containsExactly("company-admin", "staff", "viewer");
        assertThat(list(builtIn.get(0).get("permissions"))).hasSize(permissions.size());
        assertThat(list(builtIn.get(1).get("permissions"))).contains("order:place").doesNotContain("admin:users");
    }

    @Test
    @DisplayName("[SEC-RBAC] a custom role of functions and screens: created, listed after the built-in ones, assigned, changed (holders gain at once, recorded as role.grant), refused deletion while held, deleted once free; each audited")
    void customRoleThenLifecycle() {
        TestCompany company = fixtures.company("独自役割株式会社");
        WebTestClient admin = client(login(company.adminLoginId()));
        WebTestClient.ResponseSpec created = createRole(admin, "請求係", List.of("invoice:read", "screen:invoices"));
        created.expectStatus().isCreated().expectHeader().exists("Location");
        Map<String, Object> role = body(created);
        String id = (String) role.get("id");
        assertThat(role).containsEntry("builtIn", false).containsEntry("holders", 0).doesNotContainKey("key");
        assertThat(list(role.get("permissions"))).containsExactly("invoice:read", "screen:invoices");
        assertProblem(createRole(admin, "請求係", List.of()).expectStatus().isEqualTo(409).expectBody(),
                "/problems/conflict", 409);

        List<Map<String, Object>> roles = list(body(admin.get().uri(ROLES).exchange().expectStatus().isOk()).get("items"));
        assertThat(roles).extracting(r -> r.get("name")).hasSize(4).last().isEqualTo("請求係");

        String viewer = fixtures.user(company.id(), "VIEWER");
        UUID viewerId = userId(viewer);
        WebTestClient asViewer = client(login(viewer));
        put(admin, viewerId, update(user(admin, viewerId), List.of("00000000-0000-4000-8000-00000000a003", id), List.of(),
                List.of())).expectStatus().isOk();
        assertProblem(asViewer.get().uri("/api/v1/audit").exchange().expectStatus().isForbidden().expectBody(),
                "/problems/permission-denied", 403);

        Map<String, Object> changed = body(admin.put().uri(ROLES + "/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "請求承認係", "description", "請求書の承認", "permissions",
                        List.of("invoice:read", "invoice:approve", "admin:audit")))
                .exchange().expectStatus().isOk());
        assertThat(changed).containsEntry("name", "請求承認係").containsEntry("holders", 1);
        asViewer.get().uri("/api/v1/audit").exchange().expectStatus().isOk();
        assertThat(list(user(admin, viewerId).get("permissions"))).contains("invoice:approve", "admin:audit");
        assertThat(sql.count("SELECT count(*) FROM audit_event WHERE company_id = ? AND action = 'role.grant' "
                + "AND target_id = ? AND details->>'role' = '請求承認係'", company.id(), viewerId)).isEqualTo(1);

        assertProblem(admin.delete().uri(ROLES + "/{id}", id).exchange().expectStatus().isEqualTo(409).expectBody(),
                "/problems/conflict", 409);
        put(admin, viewerId, update(user(admin, viewerId), List.of("00000000-0000-4000-8000-00000000a003"), List.of(),
                List.of())).expectStatus().isOk();
        admin.delete().uri(ROLES + "/{id}", id).exchange().expectStatus().isNoContent();
        admin.get().uri(ROLES + "/{id}", id).exchange().expectStatus().isNotFound();
        assertThat(sql.rows("SELECT action FROM audit_event WHERE company_id = ? AND action LIKE 'role.%' "
                + "AND action <> 'role.grant' ORDER BY seq", company.id()))
                .extracting(row -> row.get("action")).containsExactly("role.create", "role.update", "role.delete");
    }

    @Test
    @DisplayName("[SEC-RBAC] built-in roles cannot be changed or deleted: 409 invalid-transition, and they stay as they were")
    void builtInRoleWhenChangedOrDeletedThenRefused() {
        WebTestClient admin = client(login(fixtures.company("組込役割株式会社").adminLoginId()));
        Map<String, Object> before = body(admin.get().uri(ROLES + "/{id}", STAFF_ROLE).exchange().expectStatus().isOk());

        for (String role : List.of(ADMIN_ROLE, STAFF_ROLE)) {
            assertProblem(admin.put().uri(ROLES + "/{id}", role).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("name", "改名", "permissions", List.of("order:read")))
                    .exchange().expectStatus().isEqualTo(409).expectBody(), "/problems/invalid-transition", 409);
            assertProblem(admin.delete().uri(ROLES + "/{id}", role).exchange().expectStatus().isEqualTo(409).expectBody(),
                    "/problems/invalid-transition", 409);
        }

        assertThat(body(admin.get().uri(ROLES + "/{id}", STAFF_ROLE).exchange().expectStatus().isOk())).isEqualTo(before);
        assertThat(sql.count("SELECT count(*) FROM company_role WHERE builtin_key IS NOT NULL AND permissions IS NULL"))
                .isEqualTo(3);
    }

    @Test
    @DisplayName("[SEC-RBAC] [PLT-TENANT] another company's custom role is not found, cannot be assigned (the same 422 as a random ID) and its users are not listed by it")
    void otherCompanysRoleThenInvisible() {
        TestCompany mine = fixtures.company("自社役割株式会社");
        TestCompany theirs = fixtures.company("他社役割株式会社");
        WebTestClient admin = client(login(mine.adminLoginId()));
        String foreign = (String) body(createRole(client(login(theirs.adminLoginId())), "他社の役割", List.of("order:read"))
                .expectStatus().isCreated()).get("id");
        UUID staff = userId(mine.staffLoginId());

        admin.get().uri(ROLES + "/{id}", foreign).exchange().expectStatus().isNotFound();
        Map<String, Object> other = body(put(admin, staff, update(user(admin, staff), List.of(foreign), List.of(), List.of()))
                .expectStatus().isEqualTo(422));
        Map<String, Object> random = body(put(admin, staff, update(user(admin, staff), List.of(UUID.randomUUID().toString()),
                List.of(), List.of())).expectStatus().isEqualTo(422));
        assertThat(other.get("type")).isEqualTo("/problems/unprocessable").isEqualTo(random.get("type"));
        assertThat(list(body(admin.get().uri("/api/v1/admin/users?roleId=" + foreign).exchange().expectStatus().isOk())
                .get("items"))).isEmpty();
        assertThat(list(user(admin, staff).get("roles"))).hasSize(1);
    }

    private UUID userId(String loginId) {
        return (UUID) sql.rows("SELECT id FROM app_user WHERE login_id = ?", loginId).get(0).get("id");
    }
}
