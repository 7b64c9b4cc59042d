package jp.btob.platform.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.demo.DemoData;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.Sql;
import jp.btob.platform.support.TestDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit trail: what each audited action leaves in it, that nothing can change it unseen,
 * that it commits with the change it records, and who may read it.
 */
class AuditTrailTests extends IntegrationTest {

    private static final Sql SQL = new Sql(DATABASE);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String UTC_TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z";

    @Autowired
    private DatabaseClient db;

    @Autowired
    private TransactionalOperator tx;

    @Autowired
    private AuditLog audit;

    // ---------------------------------------------------------------- what is recorded

    @Test
    @DisplayName("[OPS-AUDIT] a login leaves exactly one event: user, company, session, SUCCESS, 127.0.0.1, the response's trace ID, UTC time")
    void loginWhenSucceedsThenOneEventWithWhoWhatWhenWhere() throws Exception {
        TestCompany c = fixtures.company("株式会社監査ログイン");
        Instant before = clock.instant();
        EntityExchangeResult<byte[]> login = attempt(c.staffLoginId(), DemoData.PASSWORD, 200);

        List<Map<String, Object>> events = events(c.id());
        assertThat(events).hasSize(1);
        Map<String, Object> event = events.get(0);
        UUID staff = userId(c.staffLoginId());
        assertThat(event).containsEntry("seq", 1L)
                .containsEntry("company_id", c.id())
                .containsEntry("actor_type", "USER")
                .containsEntry("actor_id", staff)
                .containsEntry("action", "auth.login")
                .containsEntry("target_type", "session")
                .containsEntry("target_id", sessionOf(staff))
                .containsEntry("outcome", "SUCCESS")
                .containsEntry("source_address", "127.0.0.1")
                .containsEntry("trace_id", traceId(login));

        Map<String, Object> shown = onlyItem(client(login(c.adminLoginId())).get()
                .uri("/api/v1/audit?actorId={id}", staff).exchange()
                .expectStatus().isOk().expectBody().returnResult());
        assertThat((String) shown.get("occurredAt")).matches(UTC_TIMESTAMP);
        assertThat(Instant.parse((String) shown.get("occurredAt"))).isBetween(before.minusSeconds(1), clock.instant());
        assertThat(shown).containsEntry("traceId", traceId(login)).containsEntry("sourceAddress", "127.0.0.1");
    }

    @Test
    @DisplayName("[OPS-AUDIT] a wrong password leaves one FAILURE event on the account's company chain, without the password")
    void loginWhenPasswordWrongThenFailureOnCompanyChain() throws Exception {
        TestCompany c = fixtures.company("株式会社監査失敗");
        String password = "Wrong#Secret-77";
        EntityExchangeResult<byte[]> failed = attempt(c.staffLoginId(), password, 401);

        List<Map<String, Object>> events = events(c.id());
        assertThat(events).hasSize(1);
        assertThat(events.get(0)).containsEntry("actor_type", "ANONYMOUS")
                .containsEntry("actor_id", null)
                .containsEntry("action", "auth.login")
                .containsEntry("target_type", "user")
                .containsEntry("target_id", userId(c.staffLoginId()))
                .containsEntry("outcome", "FAILURE")
                .containsEntry("source_address", "127.0.0.1")
                .containsEntry("trace_id", traceId(failed));
        assertThat(JSON.readTree((String) events.get(0).get("details")).get("reason").asString()).isEqualTo("WRONG_PASSWORD");
        assertThat(rows("SELECT count(*) AS n FROM audit_event WHERE content LIKE ? OR details::text LIKE ?",
                "%" + password + "%", "%" + password + "%").get(0)).containsEntry("n", 0L);
    }

    @Test
    @DisplayName("[OPS-AUDIT] an unknown login ID is recorded on the platform chain by its SHA-256 only, never in clear")
    void loginWhenIdUnknownThenPlatformChainWithHashedId() throws Exception {
        String unknown = "Nobody-" + UUID.randomUUID();
        EntityExchangeResult<byte[]> failed = attempt(unknown, "whatever-Pass1", 401);

        List<Map<String, Object>> events = rows("SELECT * FROM audit_event WHERE trace_id = ?", traceId(failed));
        assertThat(events).hasSize(1);
        Map<String, Object> event = events.get(0);
        assertThat(event).containsEntry("company_id", null)
                .containsEntry("chain", new UUID(0, 0))
                .containsEntry("actor_type", "ANONYMOUS")
                .containsEntry("outcome", "FAILURE")
                .containsEntry("source_address", "127.0.0.1");
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(unknown.toLowerCase().getBytes(StandardCharsets.UTF_8)));
        assertThat(JSON.readTree((String) event.get("details")).get("loginIdSha256").asString()).isEqualTo(expected);
        assertThat(rows("SELECT count(*) AS n FROM audit_event WHERE lower(content) LIKE ? OR lower(details::text) LIKE ?",
                "%" + unknown.toLowerCase() + "%", "%" + unknown.toLowerCase() + "%").get(0)).containsEntry("n", 0L);
    }

    @Test
    @DisplayName("[OPS-AUDIT] a partner invite and accept each leave one event on each company's chain, naming the connection and the acting user")
    void partnerWhenInvitedAndAcceptedThenOneEventEachOnBothChains() throws Exception {
        TestCompany a = fixtures.company("株式会社監査発注");
        TestCompany b = fixtures.company("株式会社監査受注");
        String tokenA = login(a.adminLoginId());
        String tokenB = login(b.adminLoginId());
        EntityExchangeResult<byte[]> invited = client(tokenA).post().uri("/api/v1/companies/{id}/partners", a.id())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("partnerCode", b.code()))
                .exchange().expectStatus().isCreated().expectBody().returnResult();
        UUID connection = UUID.fromString((String) json(invited).get("id"));
        EntityExchangeResult<byte[]> accepted = client(tokenB).post()
                .uri("/api/v1/companies/{c}/partners/{id}/accept", b.id(), connection)
                .exchange().expectStatus().isOk().expectBody().returnResult();

        for (TestCompany side : List.of(a, b)) {
            List<Map<String, Object>> partnerEvents = rows(
                    "SELECT * FROM audit_event WHERE company_id = ? AND action LIKE 'partner.%' ORDER BY seq", side.id());
            assertThat(partnerEvents).extracting(e -> e.get("action")).containsExactly("partner.invite", "partner.accept");
            assertThat(partnerEvents).allSatisfy(e -> assertThat(e)
                    .containsEntry("target_type", "partner-connection")
                    .containsEntry("target_id", connection)
                    .containsEntry("outcome", "SUCCESS")
                    .containsEntry("actor_type", "USER")
                    .containsEntry("source_address", "127.0.0.1"));
            assertThat(partnerEvents.get(0)).containsEntry("actor_id", userId(a.adminLoginId()))
                    .containsEntry("trace_id", traceId(invited));
            assertThat(partnerEvents.get(1)).containsEntry("actor_id", userId(b.adminLoginId()))
                    .containsEntry("trace_id", traceId(accepted));
        }
    }

    @Test
    @DisplayName("[OPS-AUDIT] a logout is recorded against the session it ends")
    void logoutWhenDoneThenRecorded() throws Exception {
        TestCompany c = fixtures.company("株式会社監査ログアウト");
        String token = login(c.staffLoginId());
        UUID staff = userId(c.staffLoginId());
        UUID session = sessionOf(staff);
        EntityExchangeResult<byte[]> out = client(token).post().uri("/api/v1/auth/logout")
                .exchange().expectStatus().isNoContent().expectBody().returnResult();
        assertThat(events(c.id())).extracting(e -> e.get("action")).containsExactly("auth.login", "auth.logout");
        assertThat(events(c.id()).get(1)).containsEntry("actor_id", staff).containsEntry("target_id", session)
                .containsEntry("trace_id", traceId(out));
    }

    // ---------------------------------------------------------------- tamper evidence

    @Test
    @DisplayName("[OPS-AUDIT] a row changed behind the trigger's back breaks the chain, and verify names its seq")
    void verifyWhenRowTamperedThenNamesItsSeq() throws Exception {
        TestCompany c = fixtures.company("株式会社監査改ざん");
        login(c.staffLoginId());
        login(c.staffLoginId());
        login(c.staffLoginId());
        String admin = login(c.adminLoginId());
        Map<String, Object> intact = verify(admin);
        assertThat(intact).containsEntry("valid", true).containsEntry("checkedEvents", 4)
                .doesNotContainKeys("firstBrokenSeq", "firstBrokenEventId", "reason");

        UUID tampered = (UUID) events(c.id()).get(1).get("id");
        bypassingTrigger("UPDATE audit_event SET source_address = '198.51.100.9' WHERE id = ?", tampered);

        assertThat(verify(admin)).containsEntry("valid", false)
                .containsEntry("checkedEvents", 1)
                .containsEntry("firstBrokenSeq", 2)
                .containsEntry("firstBrokenEventId", tampered.toString())
                .containsEntry("reason", "CONTENT_MISMATCH");
    }

    @Test
    @DisplayName("[OPS-AUDIT] content rewritten without its hash, and events cut off the end, are both caught")
    void verifyWhenContentRewrittenOrTailDeletedThenBroken() throws Exception {
        TestCompany c = fixtures.company("株式会社監査削除");
        login(c.staffLoginId());
        login(c.staffLoginId());
        String admin = login(c.adminLoginId());

        UUID first = (UUID) events(c.id()).get(0).get("id");
        bypassingTrigger("UPDATE audit_event SET content = replace(content, 'SUCCESS', 'FAILURE'), outcome = 'FAILURE' WHERE id = ?", first);
        assertThat(verify(admin)).containsEntry("firstBrokenSeq", 1).containsEntry("reason", "HASH_MISMATCH");

        TestCompany d = fixtures.company("株式会社監査末尾");
        login(d.staffLoginId());
        String adminD = login(d.adminLoginId());
        UUID last = (UUID) events(d.id()).get(1).get("id");
        bypassingTrigger("DELETE FROM audit_event WHERE id = ?", last);
        assertThat(verify(adminD)).containsEntry("valid", false)
                .containsEntry("checkedEvents", 1)
                .containsEntry("firstBrokenSeq", 2)
                .containsEntry("reason", "HEAD_MISMATCH");
    }

    @Test
    @DisplayName("[OPS-AUDIT] UPDATE, DELETE and TRUNCATE of audit_event are refused on the application's connection, and in replication mode")
    void changesWhenAttemptedThenRefused() throws Exception {
        TestCompany c = fixtures.company("株式会社監査不変");
        login(c.staffLoginId());
        for (String sql : List.of("UPDATE audit_event SET outcome = 'FAILURE' WHERE company_id = :c",
                "DELETE FROM audit_event WHERE company_id = :c",
                "UPDATE audit_chain SET last_seq = 1000 WHERE chain = :c",
                "DELETE FROM audit_chain WHERE chain = :c")) {
            assertThatThrownBy(() -> db.sql(sql).bind("c", c.id()).fetch().rowsUpdated().block())
                    .as(sql).hasMessageContaining("audit");
        }
        for (String sql : List.of("TRUNCATE audit_event", "TRUNCATE audit_chain")) {
            assertThatThrownBy(() -> db.sql(sql).fetch().rowsUpdated().block()).as(sql).hasMessageContaining("append-only");
        }
        try (Connection jdbc = TestDatabase.connect(DATABASE); Statement statement = jdbc.createStatement()) {
            statement.execute("SET session_replication_role = replica");
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM audit_event"))
                    .hasMessageContaining("append-only");
        }
        assertThat(events(c.id())).hasSize(1);
    }

    // ---------------------------------------------------------------- atomicity and races

    @Test
    @DisplayName("[OPS-AUDIT] a change and its audit event roll back together; the chain stays gapless")
    void recordWhenTransactionFailsThenNeitherChangeNorEvent() throws Exception {
        TestCompany a = fixtures.company("株式会社監査巻戻");
        TestCompany b = fixtures.company("株式会社監査巻戻先");
        String id = (String) json(client(login(a.adminLoginId())).post().uri("/api/v1/companies/{id}/partners", a.id())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("partnerCode", b.code()))
                .exchange().expectStatus().isCreated().expectBody().returnResult()).get("id");
        UUID connection = UUID.fromString(id);
        int before = events(a.id()).size();

        Mono<Void> acceptThenFail = db.sql("UPDATE partner_connection SET status = 'ACTIVE', accepted_at = now() WHERE id = :id")
                .bind("id", connection).fetch().rowsUpdated()
                .then(audit.record(AuditEntry.success(a.id(), null, AuditAction.PARTNER_ACCEPT, "partner-connection", connection)))
                .then(Mono.error(new IllegalStateException("forced failure after the audit record")));
        assertThatThrownBy(() -> acceptThenFail.as(tx::transactional).block()).hasMessageContaining("forced failure");

        assertThat(rows("SELECT status FROM partner_connection WHERE id = ?", connection).get(0)).containsEntry("status", "INVITED");
        assertThat(events(a.id())).hasSize(before);

        // Outside a request: the platform is the actor, and there is no address or trace.
        audit.record(new AuditEntry(a.id(), null, AuditAction.PARTNER_ACCEPT, "partner-connection", connection,
                AuditOutcome.SUCCESS, null)).block();
        Map<String, Object> system = events(a.id()).get(before);
        assertThat(system).containsEntry("seq", (long) before + 1).containsEntry("actor_type", "SYSTEM")
                .containsEntry("source_address", null).containsEntry("trace_id", null);
        assertThat(verify(login(a.adminLoginId()))).containsEntry("valid", true);
    }

    @Test
    @DisplayName("[OPS-AUDIT] 20 concurrent logins of one company give seq 1 to 20 without gaps and a chain that verifies")
    void loginsWhenConcurrentThenGaplessChain() throws Exception {
        TestCompany c = fixtures.company("株式会社監査同時");
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            users.add(fixtures.user(c.id(), "STAFF"));
        }
        ExecutorService threads = Executors.newFixedThreadPool(users.size());
        try {
            CyclicBarrier start = new CyclicBarrier(users.size());
            List<CompletableFuture<String>> logins = new ArrayList<>();
            for (String user : users) {
                logins.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await(10, TimeUnit.SECONDS);
                    }
                    catch (Exception ex) {
                        throw new IllegalStateException(ex);
                    }
                    return login(user);
                }, threads));
            }
            CompletableFuture.allOf(logins.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
        finally {
            threads.shutdownNow();
        }
        List<Map<String, Object>> events = events(c.id());
        assertThat(events).extracting(e -> e.get("seq"))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 20).boxed().toList());
        assertThat(events).extracting(e -> e.get("actor_id")).doesNotHaveDuplicates().hasSize(20);
        assertThat(verify(login(c.adminLoginId()))).containsEntry("valid", true).containsEntry("checkedEvents", 21);
    }

    // ---------------------------------------------------------------- who may read it

    @Test
    @DisplayName("[OPS-AUDIT] an administrator sees only their own company's events; another company's administrator none of them; staff get 403")
    void listWhenOtherCompanyOrStaffThenNothingOrForbidden() throws Exception {
        TestCompany a = fixtures.company("株式会社監査自社");
        TestCompany b = fixtures.company("株式会社監査他社");
        String staffA = login(a.staffLoginId());
        String adminA = login(a.adminLoginId());
        String adminB = login(b.adminLoginId());
        List<String> idsOfA = events(a.id()).stream().map(e -> e.get("id").toString()).toList();

        List<Map<String, Object>> seenByA = items(client(adminA).get().uri("/api/v1/audit?limit=100")
                .exchange().expectStatus().isOk().expectBody().returnResult());
        assertThat(seenByA).extracting(e -> e.get("id")).containsExactlyElementsOf(idsOfA);
        List<Map<String, Object>> seenByB = items(client(adminB).get().uri("/api/v1/audit?limit=100")
                .exchange().expectStatus().isOk().expectBody().returnResult());
        assertThat(seenByB).extracting(e -> e.get("id")).doesNotContainAnyElementsOf(idsOfA).hasSize(1);

        for (String path : List.of("/api/v1/audit", "/api/v1/audit/verify")) {
            assertProblem(client(staffA).get().uri(path).exchange().expectStatus().isForbidden().expectBody(),
                    "/problems/permission-denied", 403);
        }
    }

    @Test
    @DisplayName("[PLT-PAGE] audit filters (from, to, actorId, action, outcome) and seq-ordered cursor paging; a tampered cursor is a 400 problem")
    void listWhenFilteredAndPagedThenExactlyTheMatchingEvents() throws Exception {
        TestCompany c = fixtures.company("株式会社監査検索");
        UUID staff = userId(c.staffLoginId());
        login(c.staffLoginId());
        attempt(c.staffLoginId(), "Wrong#Pass-1", 401);
        clock.advance(Duration.ofHours(2));
        Instant later = clock.instant();
        String admin = login(c.adminLoginId());
        login(c.staffLoginId());

        assertThat(seqs(admin, "outcome=FAILURE")).containsExactly(2L);
        assertThat(seqs(admin, "actorId=" + staff + "&action=auth.login&outcome=SUCCESS")).containsExactly(1L, 4L);
        assertThat(seqs(admin, "from=" + later)).containsExactly(3L, 4L);
        assertThat(seqs(admin, "to=" + later)).containsExactly(1L, 2L);
        assertThat(seqs(admin, "action=partner.invite")).isEmpty();

        EntityExchangeResult<byte[]> first = client(admin).get().uri("/api/v1/audit?limit=3")
                .exchange().expectStatus().isOk().expectBody().returnResult();
        Map<String, Object> page = json(first);
        assertThat(items(first)).extracting(e -> ((Number) e.get("seq")).longValue()).containsExactly(1L, 2L, 3L);
        String cursor = (String) ((Map<?, ?>) page.get("page")).get("nextCursor");
        EntityExchangeResult<byte[]> second = client(admin).get().uri("/api/v1/audit?limit=3&cursor={c}", cursor)
                .exchange().expectStatus().isOk().expectBody().returnResult();
        assertThat(items(second)).extracting(e -> ((Number) e.get("seq")).longValue()).containsExactly(4L);
        assertThat(((Map<?, ?>) json(second).get("page")).containsKey("nextCursor")).isFalse();

        for (String bad : List.of(cursor + "*", "c2VxLjAwNQ", "c2VxLi0x", "bm9wZQ")) {
            assertProblem(client(admin).get().uri("/api/v1/audit?cursor={c}", bad)
                    .exchange().expectStatus().isBadRequest().expectBody(), "/problems/validation", 400);
        }
        assertProblem(client(admin).get().uri("/api/v1/audit?limit=101")
                .exchange().expectStatus().isBadRequest().expectBody(), "/problems/validation", 400);
    }

    // ---------------------------------------------------------------- helpers

    private EntityExchangeResult<byte[]> attempt(String loginId, String password, int status) {
        return client().post().uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("loginId", loginId, "password", password))
                .exchange()
                .expectStatus().isEqualTo(status)
                .expectBody().returnResult();
    }

    private Map<String, Object> verify(String token) {
        return json(client(token).get().uri("/api/v1/audit/verify")
                .exchange().expectStatus().isOk().expectBody().returnResult());
    }

    private List<Long> seqs(String token, String query) {
        return items(client(token).get().uri("/api/v1/audit?" + query.replace("+", "%2B"))
                .exchange().expectStatus().isOk().expectBody().returnResult())
                .stream().map(e -> ((Number) e.get("seq")).longValue()).toList();
    }

    private static String traceId(EntityExchangeResult<?> result) {
        return result.getResponseHeaders().getFirst("X-Trace-Id");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(EntityExchangeResult<byte[]> result) {
        return JSON.readValue(result.getResponseBodyContent(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(EntityExchangeResult<byte[]> result) {
        return (List<Map<String, Object>>) json(result).get("items");
    }

    private static Map<String, Object> onlyItem(EntityExchangeResult<byte[]> result) {
        List<Map<String, Object>> items = items(result);
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private static List<Map<String, Object>> events(UUID companyId) throws SQLException {
        return rows("SELECT * FROM audit_event WHERE company_id = ? ORDER BY seq", companyId);
    }

    private static UUID userId(String loginId) throws SQLException {
        return (UUID) rows("SELECT id FROM app_user WHERE login_id = ?", loginId).get(0).get("id");
    }

    private static UUID sessionOf(UUID userId) throws SQLException {
        return (UUID) rows("SELECT id FROM user_session WHERE user_id = ? ORDER BY created_at DESC LIMIT 1", userId)
                .get(0).get("id");
    }

    /** Changes the trail as only the table's owner could: the trigger is off for this one transaction. */
    private static void bypassingTrigger(String sql, Object parameter) {
        assertThat(SQL.withTriggerOff("audit_event", "audit_event_append_only", sql, parameter)).isEqualTo(1);
    }

    private static List<Map<String, Object>> rows(String sql, Object... parameters) {
        return SQL.rows(sql, parameters);
    }
}
