package jp.btob.platform.partner;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.TestDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

import static jp.btob.platform.support.PartnerSteps.invite;
import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static jp.btob.platform.support.ProblemAssertions.assertSameProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trading-partner connections: invite, accept, suspend and resume, each only by the side and
 * the role allowed to, only from the state it starts from, and exactly once under races.
 */
class PartnerConnectionTests extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String GREETING = "いつもお世話になっております。取引先登録をお願いいたします。";

    private static final Pattern STATE = Pattern.compile("INVITED|ACTIVE|SUSPENDED");

    // ---------------------------------------------------------------- lifecycle

    @Test
    @DisplayName("[PLT-PARTNER] invite → accept → suspend → resume, each side seeing its own direction and flags")
    void lifecycleWhenInviteeSuspendsThenOnlyInviteeResumes() {
        TestCompany a = fixtures.company("株式会社発注元");
        TestCompany b = fixtures.company("株式会社受注先");
        WebTestClient asA = client(login(a.adminLoginId()));
        WebTestClient asB = client(login(b.adminLoginId()));

        // Invite: 201, Location pointing at the new connection.
        EntityExchangeResult<byte[]> created = asA.post().uri("/api/v1/companies/{id}/partners", a.id())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("partnerCode", b.code(), "message", GREETING))
                .exchange()
                .expectStatus().isCreated()
                .expectBody().returnResult();
        Map<String, Object> invited = json(created);
        String id = (String) invited.get("id");
        URI location = URI.create(baseUrl()).resolve(created.getResponseHeaders().getFirst(HttpHeaders.LOCATION));
        assertThat(location.getPath()).isEqualTo("/api/v1/companies/" + a.id() + "/partners/" + id);
        assertThat(invited).containsEntry("direction", "OUTGOING")
                .containsEntry("status", "INVITED")
                .containsEntry("message", GREETING)
                .containsEntry("partner", party(b))
                .containsKeys("invitedAt", "updatedAt")
                .doesNotContainKeys("acceptedAt", "suspendedAt", "suspendedByPartner");
        assertThat(json(asA.get().uri(location.getPath()).exchange().expectStatus().isOk().expectBody().returnResult()))
                .isEqualTo(invited);

        // The invitee sees the same connection from the other side.
        Map<String, Object> incoming = connection(asB, b.id(), id);
        assertThat(incoming).containsEntry("id", id)
                .containsEntry("direction", "INCOMING")
                .containsEntry("status", "INVITED")
                .containsEntry("message", GREETING)
                .containsEntry("partner", party(a))
                .containsEntry("invitedAt", invited.get("invitedAt"));

        // Accept, an hour later on the platform's clock; both administrators keep working
        // meanwhile, so the idle timeout (30 minutes by default) leaves their sessions open.
        for (int step = 0; step < 3; step++) {
            clock.advance(Duration.ofMinutes(20));
            connection(asA, a.id(), id);
            connection(asB, b.id(), id);
        }
        Map<String, Object> accepted = act(asB, b.id(), id, "accept");
        assertThat(accepted).containsEntry("status", "ACTIVE")
                .containsEntry("direction", "INCOMING")
                .containsEntry("message", GREETING)
                .doesNotContainKeys("suspendedAt", "suspendedByPartner");
        Instant acceptedAt = instant(accepted, "acceptedAt");
        assertThat(acceptedAt).isAfterOrEqualTo(instant(invited, "invitedAt").plus(Duration.ofHours(1)));
        assertThat(connection(asA, a.id(), id)).containsEntry("status", "ACTIVE")
                .containsEntry("direction", "OUTGOING")
                .containsEntry("acceptedAt", accepted.get("acceptedAt"));

        // Suspend by the invitee: only it may resume.
        Map<String, Object> suspended = act(asB, b.id(), id, "suspend");
        assertThat(suspended).containsEntry("status", "SUSPENDED").containsEntry("suspendedByPartner", false)
                .containsKey("suspendedAt");
        assertThat(connection(asA, a.id(), id)).containsEntry("status", "SUSPENDED")
                .containsEntry("suspendedByPartner", true)
                .containsEntry("suspendedAt", suspended.get("suspendedAt"));

        WebTestClient.BodyContentSpec refused = problem(asA, a.id(), id, "resume", 403);
        assertProblem(refused, "/problems/forbidden", 403);
        // Suspending again does not make the other side the suspender.
        assertProblem(problem(asA, a.id(), id, "suspend", 409), "/problems/invalid-transition", 409);
        assertThat(connection(asA, a.id(), id)).containsEntry("status", "SUSPENDED")
                .containsEntry("suspendedByPartner", true);

        Map<String, Object> resumed = act(asB, b.id(), id, "resume");
        assertThat(resumed).containsEntry("status", "ACTIVE")
                .doesNotContainKeys("suspendedAt", "suspendedByPartner");
        assertThat(instant(resumed, "acceptedAt")).as("resuming keeps the original acceptance").isEqualTo(acceptedAt);
        assertThat(connection(asA, a.id(), id)).containsEntry("status", "ACTIVE")
                .doesNotContainKeys("suspendedAt", "suspendedByPartner");
        assertThat(row(UUID.fromString(id))).containsEntry("status", "ACTIVE").containsEntry("suspended_by", null);
    }

    @Test
    @DisplayName("[PLT-PARTNER] when the inviter suspends, the invitee cannot resume; the inviter can")
    void resumeWhenCallerIsNotSuspenderThenForbidden() {
        TestCompany a = fixtures.company("停止する側");
        TestCompany b = fixtures.company("停止される側");
        WebTestClient asA = client(login(a.adminLoginId()));
        WebTestClient asB = client(login(b.adminLoginId()));
        String id = activeConnection(asA, a, asB, b);

        assertThat(act(asA, a.id(), id, "suspend")).containsEntry("suspendedByPartner", false);
        assertThat(connection(asB, b.id(), id)).containsEntry("suspendedByPartner", true);

        assertProblem(problem(asB, b.id(), id, "resume", 403), "/problems/forbidden", 403);
        assertThat(connection(asB, b.id(), id)).containsEntry("status", "SUSPENDED");
        assertThat(row(UUID.fromString(id))).containsEntry("suspended_by", a.id().toString());

        assertThat(act(asA, a.id(), id, "resume")).containsEntry("status", "ACTIVE");
    }

    @Test
    @DisplayName("[PLT-PARTNER] the inviter cannot accept its own invitation")
    void acceptWhenCallerIsInviterThenForbidden() {
        TestCompany a = fixtures.company("招待元");
        TestCompany b = fixtures.company("招待先");
        WebTestClient asA = client(login(a.adminLoginId()));
        String id = invite(asA, a.id(), b.code(), null);

        assertProblem(problem(asA, a.id(), id, "accept", 403), "/problems/forbidden", 403);
        assertThat(connection(asA, a.id(), id)).containsEntry("status", "INVITED").doesNotContainKey("acceptedAt");
        assertThat(row(UUID.fromString(id))).containsEntry("status", "INVITED").containsEntry("accepted_at", null);
    }

    @Test
    @DisplayName("[PLT-PARTNER] staff can neither invite, accept, suspend nor resume")
    void actionsWhenCallerIsStaffThenForbidden() {
        TestCompany a = fixtures.company("担当者A社");
        TestCompany b = fixtures.company("担当者B社");
        WebTestClient asA = client(login(a.adminLoginId()));
        WebTestClient asB = client(login(b.adminLoginId()));
        WebTestClient asStaffA = client(login(a.staffLoginId()));
        WebTestClient asStaffB = client(login(b.staffLoginId()));

        WebTestClient.BodyContentSpec invite = asStaffA.post().uri("/api/v1/companies/{id}/partners", a.id())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("partnerCode", b.code()))
                .exchange()
                .expectStatus().isForbidden()
                .expectBody();
        assertProblem(invite, "/problems/permission-denied", 403);
        assertThat(list(asB, b.id(), null)).isEmpty();

        String id = invite(asA, a.id(), b.code(), null);
        assertProblem(problem(asStaffB, b.id(), id, "accept", 403), "/problems/permission-denied", 403);
        assertThat(connection(asStaffB, b.id(), id)).containsEntry("status", "INVITED");

        act(asB, b.id(), id, "accept");
        assertProblem(problem(asStaffA, a.id(), id, "suspend", 403), "/problems/permission-denied", 403);
        assertProblem(problem(asStaffB, b.id(), id, "suspend", 403), "/problems/permission-denied", 403);
        assertThat(connection(asStaffA, a.id(), id)).containsEntry("status", "ACTIVE");

        act(asB, b.id(), id, "suspend");
        assertProblem(problem(asStaffB, b.id(), id, "resume", 403), "/problems/permission-denied", 403);
        assertThat(connection(asStaffB, b.id(), id)).containsEntry("status", "SUSPENDED");
    }

    @Test
    @DisplayName("[PLT-PARTNER] a transition from the wrong state answers invalid-transition naming the current state")
    void transitionWhenWrongStateThenInvalidTransitionNamingState() {
        TestCompany a = fixtures.company("状態A社");
        TestCompany b = fixtures.company("状態B社");
        WebTestClient asA = client(login(a.adminLoginId()));
        WebTestClient asB = client(login(b.adminLoginId()));
        String id = invite(asA, a.id(), b.code(), null);

        assertInvalidTransition(asA, a.id(), id, "suspend", "INVITED");
        assertInvalidTransition(asB, b.id(), id, "suspend", "INVITED");
        assertInvalidTransition(asB, b.id(), id, "resume", "INVITED");
        assertThat(row(UUID.fromString(id))).containsEntry("status", "INVITED");

        Map<String, Object> accepted = act(asB, b.id(), id, "accept");
        assertInvalidTransition(asB, b.id(), id, "accept", "ACTIVE");
        assertInvalidTransition(asB, b.id(), id, "resume", "ACTIVE");
        assertInvalidTransition(asA, a.id(), id, "resume", "ACTIVE");
        assertThat(connection(asA, a.id(), id)).containsEntry("status", "ACTIVE")
                .containsEntry("updatedAt", accepted.get("updatedAt"));

        act(asA, a.id(), id, "suspend");
        assertInvalidTransition(asB, b.id(), id, "accept", "SUSPENDED");
        assertInvalidTransition(asB, b.id(), id, "suspend", "SUSPENDED");
        assertThat(row(UUID.fromString(id))).containsEntry("status", "SUSPENDED")
                .containsEntry("suspended_by", a.id().toString());
    }

    // ---------------------------------------------------------------- invitations refused

    @Test
    @DisplayName("[PLT-PARTNER] inviting an unknown code or one's own code answers 422 and creates nothing")
    void inviteWhenCodeUnknownOrOwnThenUnprocessable() {
        TestCompany a = fixtures.company("自分宛");
        WebTestClient asA = client(login(a.adminLoginId()));

        // Fixture and demo codes never contain 0, so this code belongs to nobody.
        assertProblem(inviteRefused(asA, a.id(), Map.of("partnerCode", "QQQQ-0000"), 422),
                "/problems/unprocessable", 422);
        assertProblem(inviteRefused(asA, a.id(), Map.of("partnerCode", a.code()), 422),
                "/problems/unprocessable", 422);
        assertThat(list(asA, a.id(), null)).isEmpty();
        assertThat(count("SELECT count(*) FROM partner_connection WHERE inviter_id = ? OR invitee_id = ?", a.id(),
                a.id()))
                .isZero();
    }

    @Test
    @DisplayName("[PLT-PARTNER] a second invitation between the same pair, in either direction and any state, answers 409")
    void inviteWhenPairAlreadyConnectedThenConflict() {
        TestCompany a = fixtures.company("重複A社");
        TestCompany b = fixtures.company("重複B社");
        WebTestClient asA = client(login(a.adminLoginId()));
        WebTestClient asB = client(login(b.adminLoginId()));
        String id = invite(asA, a.id(), b.code(), "最初の招待");

        assertProblem(inviteRefused(asA, a.id(), Map.of("partnerCode", b.code(), "message", "二度目"), 409),
                "/problems/conflict", 409);
        assertProblem(inviteRefused(asB, b.id(), Map.of("partnerCode", a.code()), 409), "/problems/conflict", 409);

        act(asB, b.id(), id, "accept");
        assertProblem(inviteRefused(asA, a.id(), Map.of("partnerCode", b.code()), 409), "/problems/conflict", 409);
        assertProblem(inviteRefused(asB, b.id(), Map.of("partnerCode", a.code()), 409), "/problems/conflict", 409);

        act(asB, b.id(), id, "suspend");
        // A suspended connection cannot be sidestepped with a fresh invitation.
        assertProblem(inviteRefused(asA, a.id(), Map.of("partnerCode", b.code()), 409), "/problems/conflict", 409);

        assertThat(list(asA, a.id(), null)).extracting(c -> c.get("id")).containsExactly(id);
        assertThat(list(asB, b.id(), null)).extracting(c -> c.get("id")).containsExactly(id);
        assertThat(connection(asA, a.id(), id)).containsEntry("message", "最初の招待")
                .containsEntry("status", "SUSPENDED");
    }

    @Test
    @DisplayName("[PLT-PARTNER] a malformed partner code answers a validation problem naming partnerCode")
    void inviteWhenCodeMalformedThenValidationProblemNamingPartnerCode() {
        TestCompany a = fixtures.company("形式社");
        TestCompany b = fixtures.company("形式先");
        WebTestClient asA = client(login(a.adminLoginId()));

        List<String> malformed = List.of(b.code().toLowerCase(), b.code().replace("-", ""), b.code() + "2",
                " " + b.code(), "ＡＢＣＤ-１２３４", "ABCD_1234", "");
        for (String code : malformed) {
            WebTestClient.BodyContentSpec body = inviteRefused(asA, a.id(), Map.of("partnerCode", code), 400);
            assertProblem(body, "/problems/validation", 400);
            body.jsonPath("$.errors").isNotEmpty()
                    .jsonPath("$.errors[*].field").value(fields ->
                            assertThat((List<Object>) fields).as("fields for %s", code).isNotEmpty().containsOnly("partnerCode"));
        }
        // The plainest injection is stopped by the application firewall before validation (SEC-WAF).
        assertProblem(inviteRefused(asA, a.id(), Map.of("partnerCode", "' OR 1=1--"), 403), "/problems/request-blocked", 403);
        WebTestClient.BodyContentSpec missing = inviteRefused(asA, a.id(), Map.of("message", GREETING), 400);
        assertProblem(missing, "/problems/validation", 400);
        missing.jsonPath("$.errors[0].field").isEqualTo("partnerCode")
                .jsonPath("$.errors[0].code").isEqualTo("required");
        assertThat(list(asA, a.id(), null)).isEmpty();
    }

    @Test
    @DisplayName("[PLT-PARTNER] a message of 500 Japanese characters is kept whole; 501 answers a problem naming message")
    void inviteWhenMessageAtAndOverLimitThenKeptOrRefused() {
        TestCompany a = fixtures.company("長文社");
        TestCompany b = fixtures.company("長文先");
        TestCompany c = fixtures.company("長文先2");
        WebTestClient asA = client(login(a.adminLoginId()));

        WebTestClient.BodyContentSpec tooLong = inviteRefused(asA, a.id(),
                Map.of("partnerCode", b.code(), "message", "取".repeat(501)), 400);
        assertProblem(tooLong, "/problems/validation", 400);
        tooLong.jsonPath("$.errors[0].field").isEqualTo("message")
                .jsonPath("$.errors[0].code").isEqualTo("too-long");
        assertThat(list(asA, a.id(), null)).isEmpty();

        String longest = "取引先登録".repeat(100);
        String id = invite(asA, a.id(), c.code(), longest);
        assertThat(connection(client(login(c.adminLoginId())), c.id(), id)).containsEntry("message", longest);
    }

    // ---------------------------------------------------------------- other tenants

    @Test
    @DisplayName("[PLT-TENANT] a third company cannot see or act on a connection, via its own path or the parties'")
    void actionsWhenThirdCompanyThenNotFoundEitherPath() {
        TestCompany a = fixtures.company("当事者A");
        TestCompany b = fixtures.company("当事者B");
        TestCompany c = fixtures.company("部外者C");
        WebTestClient asA = client(login(a.adminLoginId()));
        WebTestClient asB = client(login(b.adminLoginId()));
        WebTestClient asC = client(login(c.adminLoginId()));
        WebTestClient asStaffC = client(login(c.staffLoginId()));
        String invited = invite(asA, a.id(), b.code(), "部外秘");
        TestCompany d = fixtures.company("当事者D");
        String active = activeConnection(asA, a, client(login(d.adminLoginId())), d);

        for (WebTestClient outsider : List.of(asC, asStaffC)) {
            for (String id : List.of(invited, active)) {
                for (UUID path : List.of(c.id(), a.id(), b.id())) {
                    Map<String, Object> missing = notFoundGet(outsider, path, UUID.randomUUID().toString());
                    assertSameProblem(notFoundGet(outsider, path, id), missing);
                    for (String verb : List.of("accept", "suspend", "resume")) {
                        if (outsider == asStaffC) {
                            // Staff lack partner:manage: refused before any connection is looked up,
                            // the same for a real ID as for a random one.
                            WebTestClient.BodyContentSpec body = problem(outsider, path, id, verb, 403);
                            assertProblem(body, "/problems/permission-denied", 403);
                            assertSameProblem(json(body.returnResult()),
                                    json(problem(outsider, path, UUID.randomUUID().toString(), verb, 403).returnResult()));
                            continue;
                        }
                        WebTestClient.BodyContentSpec body = problem(outsider, path, id, verb, 404);
                        assertProblem(body, "/problems/not-found", 404);
                        assertSameProblem(json(body.returnResult()), missing);
                    }
                }
            }
        }
        // The invitee, too, reaches the connection only through its own company.
        assertProblem(problem(asB, a.id(), invited, "accept", 404), "/problems/not-found", 404);

        assertThat(connection(asA, a.id(), invited)).containsEntry("status", "INVITED");
        assertThat(connection(asA, a.id(), active)).containsEntry("status", "ACTIVE");
        assertThat(list(asC, c.id(), null)).isEmpty();
    }

    // ---------------------------------------------------------------- list

    @Test
    @DisplayName("[PLT-PARTNER] the status filter answers only connections in that state, both directions")
    void listWhenFilteredByStatusThenOnlyThatState() {
        TestCompany a = fixtures.company("一覧社");
        TestCompany outgoing = fixtures.company("招待中(発)");
        TestCompany incoming = fixtures.company("招待中(着)");
        TestCompany active = fixtures.company("取引中");
        TestCompany suspended = fixtures.company("停止中");
        WebTestClient asA = client(login(a.adminLoginId()));
        WebTestClient asIncoming = client(login(incoming.adminLoginId()));
        WebTestClient asSuspended = client(login(suspended.adminLoginId()));

        String outgoingId = invite(asA, a.id(), outgoing.code(), null);
        String incomingId = invite(asIncoming, incoming.id(), a.code(), null);
        String activeId = activeConnection(asA, a, client(login(active.adminLoginId())), active);
        String suspendedId = activeConnection(asSuspended, suspended, asA, a);
        act(asSuspended, suspended.id(), suspendedId, "suspend");

        List<Map<String, Object>> invitedOnly = list(asA, a.id(), "INVITED");
        assertThat(invitedOnly).extracting(c -> c.get("id")).containsExactly(outgoingId, incomingId);
        assertThat(invitedOnly).extracting(c -> c.get("direction")).containsExactly("OUTGOING", "INCOMING");
        assertThat(invitedOnly).allSatisfy(c -> assertThat(c).containsEntry("status", "INVITED"));

        assertThat(list(asA, a.id(), "ACTIVE")).extracting(c -> c.get("id")).containsExactly(activeId);
        List<Map<String, Object>> suspendedOnly = list(asA, a.id(), "SUSPENDED");
        assertThat(suspendedOnly).extracting(c -> c.get("id")).containsExactly(suspendedId);
        assertThat(suspendedOnly.get(0)).containsEntry("suspendedByPartner", true).containsEntry("direction", "INCOMING");

        assertThat(list(asA, a.id(), null)).extracting(c -> c.get("id"))
                .containsExactly(outgoingId, incomingId, activeId, suspendedId);
        // The other side of the outgoing invitation sees it as incoming, under the same filter.
        assertThat(list(client(login(outgoing.adminLoginId())), outgoing.id(), "INVITED"))
                .extracting(c -> c.get("id"), c -> c.get("direction"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(outgoingId, "INCOMING"));

        WebTestClient.BodyContentSpec bogus = asA.get().uri("/api/v1/companies/{id}/partners?status=BOGUS", a.id())
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody();
        assertProblem(bogus, "/problems/validation", 400);
        bogus.jsonPath("$.errors[0].field").isEqualTo("status");
    }

    // ---------------------------------------------------------------- races

    @Test
    @DisplayName("[PLT-PARTNER] two admins accepting one invitation at once: exactly one 200, one 409, accepted once")
    void acceptWhenTwoAdminsRaceThenExactlyOneWins() throws Exception {
        for (int round = 0; round < 5; round++) {
            TestCompany a = fixtures.company("競合招待元" + round);
            TestCompany b = fixtures.company("競合招待先" + round);
            String id = invite(client(login(a.adminLoginId())), a.id(), b.code(), null);
            WebTestClient first = client(login(b.adminLoginId()));
            WebTestClient second = client(login(fixtures.user(b.id(), "ADMIN")));

            List<EntityExchangeResult<byte[]>> results = race(
                    () -> acceptExchange(first, b.id(), id),
                    () -> acceptExchange(second, b.id(), id));

            List<Integer> statuses = results.stream().map(r -> r.getStatus().value()).sorted().toList();
            assertThat(statuses).as("round %d", round).containsExactly(200, 409);
            EntityExchangeResult<byte[]> winner = results.stream().filter(r -> r.getStatus().value() == 200)
                    .findFirst().orElseThrow();
            EntityExchangeResult<byte[]> loser = results.stream().filter(r -> r.getStatus().value() == 409)
                    .findFirst().orElseThrow();
            Map<String, Object> won = json(winner);
            Map<String, Object> lost = json(loser);
            assertThat(won).containsEntry("status", "ACTIVE");
            assertThat(lost).containsEntry("type", "/problems/invalid-transition");
            assertThat(firstState((String) lost.get("detail"))).isEqualTo("ACTIVE");

            Map<String, Object> now = connection(first, b.id(), id);
            assertThat(now).containsEntry("status", "ACTIVE").containsEntry("acceptedAt", won.get("acceptedAt"))
                    .containsEntry("updatedAt", won.get("updatedAt"));
            Map<String, Object> stored = row(UUID.fromString(id));
            assertThat(stored).containsEntry("status", "ACTIVE");
            assertThat((Instant) stored.get("accepted_at")).isEqualTo(instant(won, "acceptedAt"));
        }
    }

    @Test
    @DisplayName("[PLT-PARTNER] A inviting B while B invites A: exactly one 201, one 409, one connection row")
    void inviteWhenBothSidesRaceThenExactlyOneConnection() throws Exception {
        for (int round = 0; round < 5; round++) {
            TestCompany a = fixtures.company("相互A" + round);
            TestCompany b = fixtures.company("相互B" + round);
            WebTestClient asA = client(login(a.adminLoginId()));
            WebTestClient asB = client(login(b.adminLoginId()));

            List<EntityExchangeResult<byte[]>> results = race(
                    () -> inviteExchange(asA, a.id(), b.code()),
                    () -> inviteExchange(asB, b.id(), a.code()));

            List<Integer> statuses = results.stream().map(r -> r.getStatus().value()).sorted().toList();
            assertThat(statuses).as("round %d", round).containsExactly(201, 409);
            int winnerIndex = results.get(0).getStatus().value() == 201 ? 0 : 1;
            Map<String, Object> won = json(results.get(winnerIndex));
            assertThat(json(results.get(1 - winnerIndex))).containsEntry("type", "/problems/conflict");

            assertThat(count("""
                    SELECT count(*) FROM partner_connection
                    WHERE (inviter_id = ? AND invitee_id = ?) OR (invitee_id = ? AND inviter_id = ?)
                    """, a.id(), b.id(), a.id(), b.id())).as("round %d", round).isEqualTo(1);
            List<Map<String, Object>> seenByA = list(asA, a.id(), null);
            List<Map<String, Object>> seenByB = list(asB, b.id(), null);
            assertThat(seenByA).extracting(c -> c.get("id")).containsExactly(won.get("id"));
            assertThat(seenByB).extracting(c -> c.get("id")).containsExactly(won.get("id"));
            assertThat(List.of(seenByA.get(0).get("direction"), seenByB.get(0).get("direction")))
                    .containsExactly(winnerIndex == 0 ? "OUTGOING" : "INCOMING", winnerIndex == 0 ? "INCOMING" : "OUTGOING");
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Runs the calls on threads of their own, released together, and answers their results in call order. */
    @SafeVarargs
    private static List<EntityExchangeResult<byte[]>> race(Supplier<EntityExchangeResult<byte[]>>... calls)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(calls.length);
        try {
            CyclicBarrier start = new CyclicBarrier(calls.length);
            List<CompletableFuture<EntityExchangeResult<byte[]>>> futures = new ArrayList<>();
            for (Supplier<EntityExchangeResult<byte[]>> call : calls) {
                futures.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await(10, TimeUnit.SECONDS);
                    }
                    catch (Exception ex) {
                        throw new IllegalStateException(ex);
                    }
                    return call.get();
                }, threads));
            }
            List<EntityExchangeResult<byte[]>> results = new ArrayList<>();
            for (CompletableFuture<EntityExchangeResult<byte[]>> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        }
        finally {
            threads.shutdownNow();
        }
    }

    private static EntityExchangeResult<byte[]> acceptExchange(WebTestClient client, UUID companyId, String id) {
        return client.post().uri("/api/v1/companies/{id}/partners/{c}/accept", companyId, id)
                .exchange()
                .expectBody().returnResult();
    }

    private static EntityExchangeResult<byte[]> inviteExchange(WebTestClient client, UUID companyId, String code) {
        return client.post().uri("/api/v1/companies/{id}/partners", companyId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("partnerCode", code))
                .exchange()
                .expectBody().returnResult();
    }

    private static WebTestClient.BodyContentSpec inviteRefused(WebTestClient client, UUID companyId,
                                                               Map<String, Object> body, int status) {
        return client.post().uri("/api/v1/companies/{id}/partners", companyId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody();
    }

    /** An ACTIVE connection, invited by the first company and accepted by the second. */
    private static String activeConnection(WebTestClient inviterClient, TestCompany inviter,
                                           WebTestClient inviteeClient, TestCompany invitee) {
        String id = invite(inviterClient, inviter.id(), invitee.code(), null);
        act(inviteeClient, invitee.id(), id, "accept");
        return id;
    }

    private static Map<String, Object> act(WebTestClient client, UUID companyId, String id, String verb) {
        return json(client.post().uri("/api/v1/companies/{id}/partners/{c}/{verb}", companyId, id, verb)
                .exchange()
                .expectStatus().isOk()
                .expectBody().returnResult());
    }

    private static WebTestClient.BodyContentSpec problem(WebTestClient client, UUID companyId, String id, String verb,
                                                         int status) {
        return client.post().uri("/api/v1/companies/{id}/partners/{c}/{verb}", companyId, id, verb)
                .exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody();
    }

    private static void assertInvalidTransition(WebTestClient client, UUID companyId, String id, String verb,
                                                String current) {
        WebTestClient.BodyContentSpec body = problem(client, companyId, id, verb, 409);
        assertProblem(body, "/problems/invalid-transition", 409);
        body.jsonPath("$.detail").value(detail -> assertThat(firstState((String) detail))
                .as("%s on a %s connection: %s", verb, current, detail).isEqualTo(current));
    }

    /** The first state a problem detail names: the one the connection is in. */
    private static String firstState(String detail) {
        Matcher matcher = STATE.matcher(detail);
        return matcher.find() ? matcher.group() : null;
    }

    private static Map<String, Object> connection(WebTestClient client, UUID companyId, String id) {
        return json(client.get().uri("/api/v1/companies/{id}/partners/{c}", companyId, id)
                .exchange()
                .expectStatus().isOk()
                .expectBody().returnResult());
    }

    private static Map<String, Object> notFoundGet(WebTestClient client, UUID companyId, String id) {
        WebTestClient.BodyContentSpec body = client.get().uri("/api/v1/companies/{id}/partners/{c}", companyId, id)
                .exchange()
                .expectStatus().isNotFound()
                .expectBody();
        assertProblem(body, "/problems/not-found", 404);
        return json(body.returnResult());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(WebTestClient client, UUID companyId, String status) {
        Map<String, Object> page = json(client.get()
                .uri(uri -> {
                    uri.path("/api/v1/companies/{id}/partners").queryParam("limit", 100);
                    if (status != null) {
                        uri.queryParam("status", status);
                    }
                    return uri.build(companyId);
                })
                .exchange()
                .expectStatus().isOk()
                .expectBody().returnResult());
        assertThat((Map<String, Object>) page.get("page")).doesNotContainKey("nextCursor");
        return (List<Map<String, Object>>) page.get("items");
    }

    private static Map<String, Object> party(TestCompany company) {
        return Map.of("companyId", company.id().toString(), "code", company.code(), "name", company.name());
    }

    private static Instant instant(Map<String, Object> body, String field) {
        return Instant.parse((String) body.get(field));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(EntityExchangeResult<byte[]> result) {
        return JSON.readValue(result.getResponseBody(), Map.class);
    }

    /** The stored row, read past the API. */
    private static Map<String, Object> row(UUID id) {
        try (Connection db = TestDatabase.connect(DATABASE);
             PreparedStatement query = db.prepareStatement(
                     "SELECT status, accepted_at, suspended_by FROM partner_connection WHERE id = ?")) {
            query.setObject(1, id);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).as("row %s exists", id).isTrue();
                Map<String, Object> row = new HashMap<>();
                row.put("status", rows.getString("status"));
                Timestamp acceptedAt = rows.getTimestamp("accepted_at");
                row.put("accepted_at", acceptedAt == null ? null : acceptedAt.toInstant());
                row.put("suspended_by", rows.getString("suspended_by"));
                return row;
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static long count(String sql, UUID... ids) {
        try (Connection db = TestDatabase.connect(DATABASE); PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < ids.length; i++) {
                query.setObject(i + 1, ids[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
