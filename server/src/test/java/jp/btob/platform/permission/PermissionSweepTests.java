package jp.btob.platform.permission;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.SpecOperations;
import jp.btob.platform.support.SpecOperations.SpecOperation;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The permission sweep: every operation of every spec file, read from the YAML, called by a user
 * who holds every permission but the one it declares, is refused with 403 permission-denied and
 * audited; called by a user who holds only that one permission, it is not refused. A new endpoint
 * is swept the moment its spec exists.
 */
class PermissionSweepTests extends IntegrationTest {

    private static final String DENIED = "/problems/permission-denied";

    private final Sql sql = new Sql(DATABASE);

    @Test
    @DisplayName("[SEC-RBAC] every operation of every spec declares x-permission, each a function permission of the catalogue or public, authenticated or operator; the server's catalogue has exactly the spec's operations")
    void everyOperationDeclaresItsPermission() {
        List<SpecOperation> operations = SpecOperations.all();

        assertThat(operations).as("the operations read from api-spec/*.yaml").hasSizeGreaterThanOrEqualTo(50);
        assertThat(operations).allSatisfy(operation -> assertThat(operation.permission())
                .as(operation.operationId()).isNotNull()
                .satisfiesAnyOf(
                        value -> assertThat(value).isIn("public", "authenticated", "operator"),
                        value -> assertThat(Permissions.parse(value)).isPresent()
                                .get().matches(permission -> !Permissions.isScreen(permission))));
        assertThat(operations).filteredOn(operation -> "public".equals(operation.permission()))
                .extracting(SpecOperation::operationId)
                .containsExactlyInAnyOrder("login", "identify", "verifyMfa", "resendMfa", "operatorLogin", "operatorVerifyMfa",
                        "listSignInProviders", "startOidcSignIn", "completeOidcSignIn", "startSamlSignIn", "completeSamlSignIn",
                        "getSamlServiceProviderMetadata");
        assertThat(operations).filteredOn(operation -> operation.path().startsWith("/api/v1/operator/")
                        && !"operatorLogin".equals(operation.operationId()) && !"operatorVerifyMfa".equals(operation.operationId()))
                .allSatisfy(operation -> assertThat(operation.permission()).as(operation.operationId()).isEqualTo("operator"));

        OperationCatalog catalog = new OperationCatalog();
        assertThat(catalog.all()).extracting(OperationCatalog.Operation::operationId)
                .containsExactlyInAnyOrderElementsOf(operations.stream().map(SpecOperation::operationId).toList());
    }

    @Test
    @DisplayName("[SEC-RBAC] every company operation needing a permission answers 403 permission-denied naming it to a company administrator denied just that permission, records access.denied, and does not answer 403 to a user holding only that permission")
    void everyOperationWhenPermissionMissingThenDeniedAndWhenHeldThenNot() {
        TestCompany company = fixtures.company("権限掃引株式会社");
        Map<String, List<SpecOperation>> byPermission = new TreeMap<>();
        for (SpecOperation operation : SpecOperations.companyRealm()) {
            if (Permissions.parse(operation.permission()).isPresent()) {
                byPermission.computeIfAbsent(operation.permission(), name -> new ArrayList<>()).add(operation);
            }
        }
        assertThat(byPermission.keySet()).as("permissions the spec files declare")
                .contains("admin:security", "admin:audit", "partner:manage", "partner:read", "company:read");

        List<String> swept = new ArrayList<>();
        for (Map.Entry<String, List<SpecOperation>> entry : byPermission.entrySet()) {
            String permission = entry.getKey();
            String without = fixtures.userWith(company.id(), List.of(), List.of(permission));
            fixtures.grantRole(without, BuiltInRole.COMPANY_ADMIN.id());
            String with = fixtures.userWith(company.id(), List.of(permission), List.of());
            WebTestClient denied = client(login(without));
            WebTestClient allowed = client(login(with));
            for (SpecOperation operation : entry.getValue()) {
                String label = operation.method() + " " + operation.path() + " (" + permission + ")";
                long before = deniedEvents(company.id(), operation.operationId());

                WebTestClient.ResponseSpec refused = call(denied, operation, company.id());
                refused.expectStatus().value(status -> assertThat(status).as(label).isEqualTo(403));
                WebTestClient.BodyContentSpec problem = refused.expectBody();
                assertProblem(problem, DENIED, 403);
                problem.jsonPath("$.detail").value(detail -> assertThat((String) detail).as(label).contains(permission));
                assertThat(deniedEvents(company.id(), operation.operationId())).as(label + " audited").isEqualTo(before + 1);

                // The body read whole, so that no response buffer is left unreleased.
                assertThat(call(allowed, operation, company.id()).expectBody().returnResult().getStatus().value())
                        .as(label + " with the permission").isNotIn(401, 403);
                swept.add(label);
            }
        }
        assertThat(swept).as("operations swept").hasSizeGreaterThanOrEqualTo(30);
    }

    @Test
    @DisplayName("[SEC-RBAC] a user holding no permission at all still reaches every operation declared authenticated (their own profile, password, sessions, second factor), and nothing else")
    void authenticatedOperationsWhenNoPermissionThenOpen() {
        TestCompany company = fixtures.company("無権限株式会社");
        String nobody = fixtures.userWith(company.id(), List.of(), List.of());
        WebTestClient asNobody = client(login(nobody));

        List<SpecOperation> own = SpecOperations.companyRealm().stream()
                .filter(operation -> "authenticated".equals(operation.permission()))
                .filter(operation -> !"logout".equals(operation.operationId()))
                .toList();
        assertThat(own).extracting(SpecOperation::operationId).contains("getMe", "changePassword", "listMySessions");
        for (SpecOperation operation : own) {
            assertThat(call(asNobody, operation, company.id()).expectBody().returnResult().getStatus().value())
                    .as(operation.method() + " " + operation.path()).isNotIn(401, 403);
        }
        asNobody.get().uri("/api/v1/me").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.permissions.length()").isEqualTo(0)
                .jsonPath("$.screens.length()").isEqualTo(0)
                .jsonPath("$.roles.length()").isEqualTo(0);
        assertProblem(asNobody.get().uri("/api/v1/companies/{id}", company.id()).exchange()
                .expectStatus().isForbidden().expectBody(), DENIED, 403);
    }

    @Test
    @DisplayName("[SEC-RBAC] roles plus personal grants minus personal denials: /me lists the effective function permissions and screens, and the API follows them")
    void effectivePermissionsWhenRoleGrantAndDenialThenMeAndApiAgree() {
        TestCompany company = fixtures.company("実効権限株式会社");
        String clerk = fixtures.userWith(company.id(), List.of("admin:audit"), List.of("partner:read", "screen:invoices"));
        fixtures.grantRole(clerk, BuiltInRole.STAFF.id());
        WebTestClient asClerk = client(login(clerk));

        Map<String, Object> me = asClerk.get().uri("/api/v1/me").exchange().expectStatus().isOk()
                .expectBody(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        List<String> permissions = (List<String>) me.get("permissions");
        @SuppressWarnings("unchecked")
        List<String> screens = (List<String>) me.get("screens");
        assertThat(permissions).contains("admin:audit", "invoice:issue", "order:place")
                .doesNotContain("partner:read", "admin:users", "admin:security", "partner:manage")
                .isSorted();
        assertThat(screens).contains("screen:orders", "screen:quotes")
                .doesNotContain("screen:invoices", "screen:admin")
                .isSorted();

        asClerk.get().uri("/api/v1/audit").exchange().expectStatus().isOk().expectBody();
        assertProblem(asClerk.get().uri("/api/v1/companies/{id}/partners", company.id()).exchange()
                .expectStatus().isForbidden().expectBody(), DENIED, 403);
        assertProblem(asClerk.get().uri("/api/v1/company/security-settings").exchange()
                .expectStatus().isForbidden().expectBody(), DENIED, 403);
    }

    @Test
    @DisplayName("[SEC-RBAC] the built-in viewer reads but cannot change: partner list yes, partner invitation, settings and audit no")
    void viewerThenReadsOnly() {
        TestCompany company = fixtures.company("閲覧株式会社");
        TestCompany other = fixtures.company("閲覧相手株式会社");
        WebTestClient asViewer = client(login(fixtures.user(company.id(), "VIEWER")));

        asViewer.get().uri("/api/v1/companies/{id}/partners", company.id()).exchange().expectStatus().isOk().expectBody();
        asViewer.get().uri("/api/v1/companies/{id}", company.id()).exchange().expectStatus().isOk().expectBody();
        assertProblem(asViewer.post().uri("/api/v1/companies/{id}/partners", company.id())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("partnerCode", other.code()))
                .exchange().expectStatus().isForbidden().expectBody(), DENIED, 403);
        assertThat(sql.count("SELECT count(*) FROM partner_connection WHERE inviter_id = ?", company.id()))
                .as("no invitation half-made").isZero();
        assertProblem(asViewer.get().uri("/api/v1/audit").exchange().expectStatus().isForbidden().expectBody(), DENIED, 403);
    }

    @Test
    @DisplayName("[SEC-RBAC] a permission withdrawn while a session is live is refused on that session's very next request; one granted works at once")
    void permissionChangedWhenSessionLiveThenNextRequestFollows() {
        TestCompany company = fixtures.company("即時反映株式会社");
        String loginId = fixtures.user(company.id(), "STAFF");
        WebTestClient asStaff = client(login(loginId));
        asStaff.get().uri("/api/v1/companies/{id}/partners", company.id()).exchange().expectStatus().isOk().expectBody();
        assertProblem(asStaff.get().uri("/api/v1/audit").exchange().expectStatus().isForbidden().expectBody(), DENIED, 403);

        UUID user = userId(loginId);
        sql.update("INSERT INTO user_permission (user_id, permission, effect) VALUES (?, 'partner:read', 'DENY')", user);
        sql.update("INSERT INTO user_permission (user_id, permission, effect) VALUES (?, 'admin:audit', 'GRANT')", user);

        assertProblem(asStaff.get().uri("/api/v1/companies/{id}/partners", company.id()).exchange()
                .expectStatus().isForbidden().expectBody(), DENIED, 403);
        asStaff.get().uri("/api/v1/audit").exchange().expectStatus().isOk().expectBody();
    }

    @Test
    @DisplayName("[SEC-RBAC] a path the API does not have answers 404 and a method it does not offer answers 405 with Allow, before any handler, so nothing undeclared is reachable")
    void undeclaredWhenCalledThenNotFoundOrMethodNotAllowed() {
        WebTestClient asAdmin = client(login(fixtures.company("未宣言株式会社").adminLoginId()));

        assertProblem(asAdmin.get().uri("/api/v1/no-such-thing").exchange().expectStatus().isNotFound().expectBody(),
                "/problems/not-found", 404);
        WebTestClient.ResponseSpec wrongMethod = asAdmin.patch().uri("/api/v1/me").exchange();
        wrongMethod.expectStatus().isEqualTo(405).expectHeader().valueEquals("Allow", "GET");
        assertProblem(wrongMethod.expectBody(), "/problems/method-not-allowed", 405);
        client().get().uri("/api/v1/no-such-thing").exchange().expectStatus().isUnauthorized().expectBody();
    }

    private static WebTestClient.ResponseSpec call(WebTestClient client, SpecOperation operation, UUID companyId) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String name : operation.pathParameters()) {
            ids.put(name, "companyId".equals(name) ? companyId.toString() : UUID.randomUUID().toString());
        }
        String uri = operation.path();
        for (Map.Entry<String, String> id : ids.entrySet()) {
            uri = uri.replace("{" + id.getKey() + "}", id.getValue());
        }
        WebTestClient.RequestBodySpec request = client.method(operation.method()).uri(uri);
        if (operation.hasBody()) {
            request.contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of());
        }
        return request.exchange();
    }

    private long deniedEvents(UUID companyId, String operationId) {
        return sql.count("SELECT count(*) FROM audit_event WHERE company_id = ? AND action = 'access.denied'"
                + " AND details->>'operationId' = ?", companyId, operationId);
    }

    private UUID userId(String loginId) {
        return (UUID) sql.rows("SELECT id FROM app_user WHERE login_id = ?", loginId).get(0).get("id");
    }
}
