package jp.btob.platform.company;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jp.btob.platform.demo.DemoData;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

import static jp.btob.platform.support.PartnerSteps.accept;
import static jp.btob.platform.support.PartnerSteps.invite;
import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static jp.btob.platform.support.ProblemAssertions.assertSameProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A company sees its own profile, users and connections, and the profiles of the partners it
 * has connected with; everything else answers exactly as if it did not exist.
 */
class CompanyTenancyTests extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    // ---------------------------------------------------------------- PLT-TENANT

    @Test
    @DisplayName("[PLT-TENANT] another company's profile answers the very 404 a non-existent company answers")
    void getCompanyWhenOtherTenantThenSameNotFoundAsNonExistent() {
        TestCompany a = fixtures.company("テナントA");
        TestCompany b = fixtures.company("テナントB");
        WebTestClient asA = client(login(a.adminLoginId()));

        Map<String, Object> other = notFound(asA, "/api/v1/companies/{id}", b.id());
        Map<String, Object> missing = notFound(asA, "/api/v1/companies/{id}", UUID.randomUUID());

        assertSameProblem(other, missing);
        assertThat(other.values()).noneMatch(value -> String.valueOf(value).contains(b.name())
                || String.valueOf(value).contains(b.code()));
    }

    @Test
    @DisplayName("[PLT-TENANT] another company's users answer the very 404 a non-existent company answers")
    void listUsersWhenOtherTenantThenSameNotFoundAsNonExistent() {
        TestCompany a = fixtures.company("テナントA");
        TestCompany b = fixtures.company("テナントB");
        WebTestClient asA = client(login(a.adminLoginId()));

        Map<String, Object> other = notFound(asA, "/api/v1/companies/{id}/users", b.id());
        Map<String, Object> missing = notFound(asA, "/api/v1/companies/{id}/users", UUID.randomUUID());

        assertSameProblem(other, missing);
        assertThat(other.toString()).doesNotContain(b.adminLoginId(), b.staffLoginId());
    }

    @Test
    @DisplayName("[PLT-TENANT] another company's partner list answers the very 404 a non-existent company answers")
    void listPartnersWhenOtherTenantThenSameNotFoundAsNonExistent() {
        TestCompany a = fixtures.company("テナントA");
        TestCompany b = fixtures.company("テナントB");
        TestCompany c = fixtures.company("テナントC");
        invite(client(login(b.adminLoginId())), b.id(), c.code(), null);
        WebTestClient asA = client(login(a.adminLoginId()));

        Map<String, Object> other = notFound(asA, "/api/v1/companies/{id}/partners", b.id());
        Map<String, Object> filtered = notFound(asA, "/api/v1/companies/{id}/partners?status=INVITED", b.id());
        Map<String, Object> missing = notFound(asA, "/api/v1/companies/{id}/partners", UUID.randomUUID());

        assertSameProblem(other, missing);
        assertSameProblem(filtered, missing);
        assertThat(other.toString()).doesNotContain(c.code(), c.id().toString());
    }

    @Test
    @DisplayName("[PLT-TENANT] another company's connection answers the very 404 a non-existent one does, by either path")
    void getPartnerConnectionWhenOtherTenantThenSameNotFoundAsNonExistent() {
        TestCompany a = fixtures.company("テナントA");
        TestCompany b = fixtures.company("テナントB");
        TestCompany c = fixtures.company("テナントC");
        String connection = invite(client(login(b.adminLoginId())), b.id(), c.code(), null);
        WebTestClient asA = client(login(a.adminLoginId()));

        // Through the other company's path: the company itself is not visible.
        Map<String, Object> viaTheirPath = notFound(asA, "/api/v1/companies/{id}/partners/{c}", b.id(), connection);
        Map<String, Object> viaMissingCompany = notFound(asA, "/api/v1/companies/{id}/partners/{c}",
                UUID.randomUUID(), connection);
        assertSameProblem(viaTheirPath, viaMissingCompany);

        // Through the caller's own path: the connection is not one of theirs.
        Map<String, Object> viaOwnPath = notFound(asA, "/api/v1/companies/{id}/partners/{c}", a.id(), connection);
        Map<String, Object> missingConnection = notFound(asA, "/api/v1/companies/{id}/partners/{c}", a.id(),
                UUID.randomUUID());
        assertSameProblem(viaOwnPath, missingConnection);
    }

    @Test
    @DisplayName("[PLT-TENANT] an invited but unaccepted company stays invisible to both sides")
    void getCompanyWhenOnlyInvitedThenNotFoundForBothSides() {
        TestCompany inviter = fixtures.company("招待元");
        TestCompany invitee = fixtures.company("招待先");
        WebTestClient asInviter = client(login(inviter.adminLoginId()));
        WebTestClient asInvitee = client(login(invitee.adminLoginId()));
        invite(asInviter, inviter.id(), invitee.code(), null);

        Map<String, Object> missing = notFound(asInviter, "/api/v1/companies/{id}", UUID.randomUUID());
        assertSameProblem(notFound(asInviter, "/api/v1/companies/{id}", invitee.id()), missing);
        assertSameProblem(notFound(asInvitee, "/api/v1/companies/{id}", inviter.id()), missing);
    }

    @Test
    @DisplayName("[PLT-TENANT] after accept the partner's profile is visible, but its users and partners are not")
    void getCompanyWhenAcceptedThenProfileVisibleButUsersStillNotFound() {
        TestCompany inviter = fixtures.company("株式会社招待元");
        TestCompany invitee = fixtures.company("株式会社招待先");
        WebTestClient asInviter = client(login(inviter.adminLoginId()));
        WebTestClient asInvitee = client(login(invitee.adminLoginId()));
        String connection = invite(asInviter, inviter.id(), invitee.code(), null);
        accept(asInvitee, invitee.id(), connection);

        Map<String, Object> seenByInviter = company(asInviter, invitee.id());
        assertThat(seenByInviter).containsEntry("id", invitee.id().toString())
                .containsEntry("name", invitee.name())
                .containsEntry("code", invitee.code());
        Map<String, Object> seenByInvitee = company(asInvitee, inviter.id());
        assertThat(seenByInvitee).containsEntry("id", inviter.id().toString())
                .containsEntry("name", inviter.name())
                .containsEntry("code", inviter.code());

        Map<String, Object> missingUsers = notFound(asInviter, "/api/v1/companies/{id}/users", UUID.randomUUID());
        assertSameProblem(notFound(asInviter, "/api/v1/companies/{id}/users", invitee.id()), missingUsers);
        assertSameProblem(notFound(asInvitee, "/api/v1/companies/{id}/users", inviter.id()), missingUsers);
        Map<String, Object> missingPartners = notFound(asInviter, "/api/v1/companies/{id}/partners", UUID.randomUUID());
        assertSameProblem(notFound(asInviter, "/api/v1/companies/{id}/partners", invitee.id()), missingPartners);
        // The connection both share is still reached only through one's own company.
        assertSameProblem(notFound(asInviter, "/api/v1/companies/{id}/partners/{c}", invitee.id(), connection),
                notFound(asInviter, "/api/v1/companies/{id}/partners/{c}", UUID.randomUUID(), connection));
    }

    @Test
    @DisplayName("[PLT-TENANT] visibility is not transitive: a partner's partner stays invisible")
    void getCompanyWhenPartnerOfPartnerThenNotFound() {
        TestCompany a = fixtures.company("A社");
        TestCompany b = fixtures.company("B社");
        TestCompany c = fixtures.company("C社");
        WebTestClient asA = client(login(a.adminLoginId()));
        WebTestClient asB = client(login(b.adminLoginId()));
        WebTestClient asC = client(login(c.adminLoginId()));
        accept(asB, b.id(), invite(asA, a.id(), b.code(), null));
        accept(asC, c.id(), invite(asB, b.id(), c.code(), null));

        assertThat(company(asA, b.id())).containsEntry("code", b.code());
        assertThat(company(asC, b.id())).containsEntry("code", b.code());
        Map<String, Object> missing = notFound(asA, "/api/v1/companies/{id}", UUID.randomUUID());
        assertSameProblem(notFound(asA, "/api/v1/companies/{id}", c.id()), missing);
        assertSameProblem(notFound(asC, "/api/v1/companies/{id}", a.id()), missing);
    }

    @Test
    @DisplayName("[PLT-TENANT] a suspended partner's profile stays visible to both sides")
    void getCompanyWhenConnectionSuspendedThenProfileStillVisible() {
        TestCompany inviter = fixtures.company("停止元");
        TestCompany invitee = fixtures.company("停止先");
        WebTestClient asInviter = client(login(inviter.adminLoginId()));
        WebTestClient asInvitee = client(login(invitee.adminLoginId()));
        String connection = invite(asInviter, inviter.id(), invitee.code(), null);
        accept(asInvitee, invitee.id(), connection);
        asInvitee.post().uri("/api/v1/companies/{id}/partners/{c}/suspend", invitee.id(), connection)
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("SUSPENDED");

        assertThat(company(asInviter, invitee.id())).containsEntry("name", invitee.name());
        assertThat(company(asInvitee, inviter.id())).containsEntry("name", inviter.name());
        // Staff see it too: visibility is the company's, not the administrator's.
        assertThat(company(client(login(inviter.staffLoginId())), invitee.id())).containsEntry("code", invitee.code());
    }

    @Test
    @DisplayName("[PLT-TENANT] the caller's own profile answers 200 with every field of the demo buyer")
    void getCompanyWhenOwnThenFullProfile() {
        Map<String, Object> own = company(client(login("buyer-staff")), DemoData.BUYER.id());

        assertThat(own).containsEntry("id", DemoData.BUYER.id().toString())
                .containsEntry("code", DemoData.BUYER.code())
                .containsEntry("name", DemoData.BUYER.name())
                .containsEntry("nameKana", DemoData.BUYER.nameKana())
                .containsEntry("registrationNumber", DemoData.BUYER.registrationNumber())
                .containsEntry("address", DemoData.BUYER.address())
                .containsKeys("createdAt", "updatedAt");
        assertThat((String) own.get("createdAt")).endsWith("Z");
        assertThat(Instant.parse((String) own.get("createdAt"))).isBeforeOrEqualTo(Instant.now());
    }

    @Test
    @DisplayName("[PLT-TENANT] a user's own company lists its users, and only them")
    void listUsersWhenOwnCompanyThenOnlyItsUsers() {
        TestCompany a = fixtures.company("自社");
        fixtures.company("他社");

        List<Map<String, Object>> users = usersPage(client(login(a.staffLoginId())), a.id(), null, 100).items();

        assertThat(users).extracting(user -> user.get("loginId"))
                .containsExactly(a.adminLoginId(), a.staffLoginId());
        assertThat(users).extracting(user -> ((List<Map<String, Object>>) user.get("roles")).get(0).get("key"))
                .containsExactly("company-admin", "staff");
        assertThat(users).allSatisfy(user -> assertThat(user).doesNotContainKeys("passwordHash", "password"));
    }

    // ---------------------------------------------------------------- PLT-PAGE

    @Test
    @DisplayName("[PLT-PAGE] limit=3 over 9 users gives exactly 3+3+3, no duplicates, in creation order")
    void listUsersWhenPagedByThreeThenThreeFullPagesInCreationOrder() {
        TestCompany company = fixtures.company("ページング社");
        List<String> created = new ArrayList<>(List.of(company.adminLoginId(), company.staffLoginId()));
        for (int i = 0; i < 7; i++) {
            created.add(fixtures.user(company.id(), i % 2 == 0 ? "STAFF" : "ADMIN"));
        }
        WebTestClient client = client(login(company.adminLoginId()));

        List<Integer> sizes = new ArrayList<>();
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        do {
            UsersPage page = usersPage(client, company.id(), cursor, 3);
            assertThat(page.limit()).isEqualTo(3);
            sizes.add(page.items().size());
            all.addAll(page.items());
            cursor = page.nextCursor();
            assertThat(sizes).as("pages so far; the paging must end").hasSizeLessThanOrEqualTo(created.size());
        } while (cursor != null);

        int expectedPages = (created.size() + 2) / 3;
        List<Integer> expectedSizes = new ArrayList<>();
        for (int left = created.size(); left > 0; left -= 3) {
            expectedSizes.add(Math.min(3, left));
        }
        assertThat(sizes).hasSize(expectedPages).isEqualTo(expectedSizes).containsExactly(3, 3, 3);
        List<String> ids = all.stream().map(user -> (String) user.get("id")).toList();
        assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
        assertThat(all).extracting(user -> user.get("loginId")).containsExactlyElementsOf(created);
        List<Instant> createdAt = all.stream().map(user -> Instant.parse((String) user.get("createdAt"))).toList();
        assertThat(createdAt).isSorted();

        // The same walk again answers the same order: the order is stable, not incidental.
        List<Object> again = new ArrayList<>();
        cursor = null;
        do {
            UsersPage page = usersPage(client, company.id(), cursor, 3);
            page.items().forEach(user -> again.add(user.get("id")));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(again).containsExactlyElementsOf(ids);
    }

    @Test
    @DisplayName("[PLT-PAGE] a user created while paging appears once, at the end; nothing is skipped or repeated")
    void listUsersWhenUserAddedBetweenPagesThenNoDuplicateNoSkip() {
        TestCompany company = fixtures.company("追加中社");
        List<String> created = new ArrayList<>(List.of(company.adminLoginId(), company.staffLoginId()));
        for (int i = 0; i < 3; i++) {
            created.add(fixtures.user(company.id(), "STAFF"));
        }
        WebTestClient client = client(login(company.adminLoginId()));

        UsersPage first = usersPage(client, company.id(), null, 2);
        created.add(fixtures.user(company.id(), "STAFF"));
        List<Object> seen = new ArrayList<>();
        first.items().forEach(user -> seen.add(user.get("loginId")));
        String cursor = first.nextCursor();
        while (cursor != null) {
            UsersPage page = usersPage(client, company.id(), cursor, 2);
            page.items().forEach(user -> seen.add(user.get("loginId")));
            cursor = page.nextCursor();
        }

        assertThat(seen).containsExactlyElementsOf(created);
    }

    @Test
    @DisplayName("[PLT-PAGE] a page exactly as long as the rest answers no nextCursor, so no empty page follows")
    void listUsersWhenLimitEqualsRemainingThenNoNextCursor() {
        TestCompany company = fixtures.company("境界社");
        UsersPage page = usersPage(client(login(company.adminLoginId())), company.id(), null, 2);

        assertThat(page.items()).hasSize(2);
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    @DisplayName("[PLT-PAGE] a tampered cursor answers a 400 validation problem, never a page")
    void listUsersWhenCursorTamperedThenValidationProblem() {
        TestCompany company = fixtures.company("改ざん社");
        for (int i = 0; i < 3; i++) {
            fixtures.user(company.id(), "STAFF");
        }
        WebTestClient client = client(login(company.adminLoginId()));
        String cursor = usersPage(client, company.id(), null, 2).nextCursor();
        assertThat(cursor).isNotNull();
        String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);

        String seconds = plain.substring(0, plain.indexOf('.'));
        String id = plain.substring(plain.lastIndexOf('.') + 1);
        List<String> tampered = List.of(
                "not a cursor!",
                cursor + "!",
                cursor + "AAAA",
                // Cut short: the last group of the id loses digits, which a lenient UUID parser lets through.
                cursor.substring(0, cursor.length() - 4),
                base64("hello"),
                base64(plain.replaceFirst("^[0-9]+", "x")),
                base64(plain.substring(0, plain.lastIndexOf('-'))),
                base64(plain + ".1"),
                base64(seconds + ".0.1-2-3-4-5"),
                base64(seconds + ".-5." + id),
                base64(seconds + ".1000000000." + id),
                base64("1..0b0b0000-0000-4000-8000-000000000011"));
        for (String bad : tampered) {
            WebTestClient.BodyContentSpec body = client.get()
                    .uri(uri -> uri.path("/api/v1/companies/{id}/users").queryParam("cursor", "{c}")
                            .queryParam("limit", 2).build(company.id(), bad))
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody();
            assertProblem(body, "/problems/validation", 400);
            body.jsonPath("$.detail").value(detail -> assertThat((String) detail)
                    .doesNotContain("Exception", "UUID", "java.", "NumberFormat"));
        }
    }

    @Test
    @DisplayName("[PLT-PAGE] limit=0 and limit=101 answer 400 validation problems naming limit")
    void listUsersWhenLimitOutOfRangeThenValidationProblemNamingLimit() {
        TestCompany company = fixtures.company("上限社");
        WebTestClient client = client(login(company.adminLoginId()));

        Map<Integer, String> cases = new LinkedHashMap<>();
        cases.put(0, "too-small");
        cases.put(-1, "too-small");
        cases.put(101, "too-large");
        cases.forEach((limit, code) -> {
            WebTestClient.BodyContentSpec body = client.get()
                    .uri("/api/v1/companies/{id}/users?limit={l}", company.id(), limit)
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectBody();
            assertProblem(body, "/problems/validation", 400);
            body.jsonPath("$.errors.length()").isEqualTo(1)
                    .jsonPath("$.errors[0].field").isEqualTo("limit")
                    .jsonPath("$.errors[0].code").isEqualTo(code);
        });
        // The boundary itself is allowed.
        assertThat(usersPage(client, company.id(), null, 100).limit()).isEqualTo(100);
        assertThat(usersPage(client, company.id(), null, 1).items()).hasSize(1);
    }

    // ---------------------------------------------------------------- helpers

    @SuppressWarnings("unchecked")
    private Map<String, Object> company(WebTestClient client, UUID companyId) {
        return client.get().uri("/api/v1/companies/{id}", companyId)
                .exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private UsersPage usersPage(WebTestClient client, UUID companyId, String cursor, int limit) {
        Map<String, Object> body = client.get()
                .uri(uri -> {
                    uri.path("/api/v1/companies/{id}/users").queryParam("limit", limit);
                    if (cursor != null) {
                        uri.queryParam("cursor", "{c}");
                        return uri.build(companyId, cursor);
                    }
                    return uri.build(companyId);
                })
                .exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        Map<String, Object> page = (Map<String, Object>) body.get("page");
        return new UsersPage((List<Map<String, Object>>) body.get("items"), (Integer) page.get("limit"),
                (String) page.get("nextCursor"));
    }

    /** The 404 problem a GET answers, as a map. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> notFound(WebTestClient client, String path, Object... variables) {
        WebTestClient.BodyContentSpec body = client.get().uri(path, variables)
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody();
        assertProblem(body, "/problems/not-found", 404);
        return JSON.readValue(body.returnResult().getResponseBody(), Map.class);
    }

    private static String base64(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    private record UsersPage(List<Map<String, Object>> items, int limit, String nextCursor) {
    }
}
