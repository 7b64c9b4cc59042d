package jp.btob.platform.audit;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import io.micrometer.core.instrument.MeterRegistry;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.TestDatabase;
import jp.btob.platform.system.paging.SeqCursor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PGobject;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Retention of the audit trail: whole aged months go, everything else stays, the chain verifies
 * from the anchor recorded in it, and the database refuses every other removal. Each test works
 * on the chain of a company of its own, with events placed in time by moving the clock back.
 */
class AuditRetentionTests extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private AuditRetention retention;

    @Autowired
    private AuditRetentionProperties properties;

    @Autowired
    private AuditLog audit;

    @Autowired
    private AuditExpiryJob scheduledJob;

    @Autowired
    private MeterRegistry metrics;

    /** When expiry runs: the 15th of this month, noon UTC, so that the month that straddles the cutoff has room on both sides. */
    private Instant now;

    /** The start of the first month kept: the start of this month, seven years back. */
    private Instant cutoff;

    @BeforeEach
    void timeline() {
        assertThat(properties.retention()).isEqualTo(Period.ofYears(7));
        ZonedDateTime month = ZonedDateTime.now(ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
        now = month.withDayOfMonth(15).withHour(12).toInstant();
        cutoff = month.minusYears(7).toInstant();
    }

    // ---------------------------------------------------------------- what expiry removes

    @Test
    @DisplayName("[OPS-AUDIT] expiry removes exactly the events of the months that ended seven years ago, up to the last second before the cutoff, and keeps the month that straddles it")
    void expireWhenMonthsAgedThenWholeMonthsRemovedAndRestKept() throws Exception {
        TestCompany c = fixtures.company("株式会社監査保存期間");
        for (Instant t : List.of(cutoff.minus(Duration.ofDays(80)), cutoff.minus(Duration.ofDays(50)),
                cutoff.minus(Duration.ofDays(40)), cutoff.minusSeconds(5))) {
            at(t);
            login(c.staffLoginId());
        }
        // The month that began at the cutoff is only partly seven years old: all of it stays.
        for (Instant t : List.of(cutoff, cutoff.plus(Duration.ofDays(1)), now.minus(Duration.ofDays(2)))) {
            at(t);
            login(c.staffLoginId());
        }
        byte[] hashOfLastAged = (byte[]) event(c.id(), 4).get("hash");
        double countedBefore = expiredCounter();
        at(now);

        assertThat(retention.expire(c.id()).block()).isEqualTo(4L);

        List<Map<String, Object>> kept = events(c.id());
        assertThat(kept).extracting(e -> e.get("seq")).containsExactly(5L, 6L, 7L, 8L);
        assertThat(kept.subList(0, 3)).allSatisfy(e -> assertThat(instant(e.get("occurred_at"))).isAfterOrEqualTo(cutoff));
        assertThat((byte[]) kept.get(0).get("prev_hash")).isEqualTo(hashOfLastAged);
        Map<String, Object> expire = kept.get(3);
        assertThat(expire).containsEntry("action", "audit.expire").containsEntry("actor_type", "SYSTEM")
                .containsEntry("actor_id", null).containsEntry("company_id", c.id()).containsEntry("outcome", "SUCCESS");
        Map<String, Object> details = map(JSON.readValue((String) expire.get("details"), Map.class));
        assertThat(details).containsEntry("throughSeq", 4).containsEntry("removed", 4)
                .containsEntry("throughHash", HexFormat.of().formatHex(hashOfLastAged))
                .containsEntry("throughTime", cutoff.toString());

        List<Map<String, Object>> anchors = anchors(c.id());
        assertThat(anchors).hasSize(1);
        assertThat(anchors.get(0)).containsEntry("through_seq", 4L).containsEntry("removed", 4L)
                .containsEntry("previous_through_seq", 0L);
        assertThat((byte[]) anchors.get(0).get("through_hash")).isEqualTo(hashOfLastAged);
        assertThat(instant(anchors.get(0).get("through_time"))).isEqualTo(cutoff);
        assertThat(rows("SELECT last_seq FROM audit_chain WHERE chain = ?", c.id()).get(0)).containsEntry("last_seq", 8L);
        assertThat(expiredCounter()).isEqualTo(countedBefore + 4);

        assertThat(retention.expire(c.id()).block()).isZero();
        assertThat(events(c.id())).extracting(e -> e.get("seq")).containsExactly(5L, 6L, 7L, 8L);
        assertThat(anchors(c.id())).hasSize(1);
        assertThat(expiredCounter()).isEqualTo(countedBefore + 4);
    }

    @Test
    @DisplayName("[OPS-AUDIT] an aged event appended after one of the kept month stays, as does everything after it: expiry removes a run from the start only")
    void expireWhenAgedEventFollowsKeptOneThenOnlyTheRunBeforeItGoes() throws Exception {
        TestCompany c = fixtures.company("株式会社監査順序逆転");
        UUID staff = userId(c.staffLoginId());
        // Two instances with skewed clocks, or a transaction that took its turn on the head late.
        for (Instant t : List.of(cutoff.minus(Duration.ofDays(10)), cutoff.plusSeconds(3600), cutoff.minusSeconds(3600))) {
            at(t);
            record(c.id(), staff);
        }
        at(now);

        assertThat(retention.expire(c.id()).block()).isEqualTo(1L);
        assertThat(events(c.id())).extracting(e -> e.get("seq")).containsExactly(2L, 3L, 4L);
        assertThat(retention.expire(c.id()).block()).isZero();
        assertThat(verify(login(c.adminLoginId()))).containsEntry("valid", true).containsEntry("checkedEvents", 4);
    }

    @Test
    @DisplayName("[OPS-AUDIT] after expiry verify is valid from the anchor and names it; a chain with nothing aged keeps verifying from seq 1 without one")
    void verifyWhenExpiredThenValidFromNamedAnchor() throws Exception {
        TestCompany c = agedCompany("株式会社監査検証アンカー");
        byte[] hashOfLastAged = (byte[]) event(c.id(), 3).get("hash");
        assertThat(retention.expire(c.id()).block()).isEqualTo(3L);

        Map<String, Object> verified = verify(login(c.adminLoginId()));
        assertThat(verified).containsEntry("valid", true).containsEntry("checkedEvents", 4)
                .doesNotContainKeys("firstBrokenSeq", "reason");
        assertThat(map(verified.get("anchor"))).containsEntry("throughSeq", 3)
                .containsEntry("throughHash", HexFormat.of().formatHex(hashOfLastAged))
                .containsEntry("throughTime", cutoff.toString())
                .containsEntry("removedEvents", 3)
                .containsKey("anchoredAt");

        TestCompany fresh = fixtures.company("株式会社監査検証新規");
        login(fresh.staffLoginId());
        assertThat(retention.expire(fresh.id()).block()).isZero();
        assertThat(verify(login(fresh.adminLoginId()))).containsEntry("valid", true).containsEntry("checkedEvents", 2)
                .doesNotContainKey("anchor");
    }

    @Test
    @DisplayName("[PLT-PAGE] after expiry the list pages across the gap, a cursor from before it still works, and the export holds what is kept")
    void listAndExportWhenExpiredThenPageAcrossTheGap() throws Exception {
        TestCompany c = agedCompany("株式会社監査保存一覧");
        String admin = login(c.adminLoginId());
        String oldCursor = new SeqCursor(2).encode();
        retention.expire(c.id()).block();

        List<Long> paged = new ArrayList<>();
        String cursor = null;
        do {
            EntityExchangeResult<byte[]> page = client(admin).get()
                    .uri(cursor == null ? "/api/v1/audit?limit=2" : "/api/v1/audit?limit=2&cursor=" + cursor)
                    .exchange().expectStatus().isOk().expectBody().returnResult();
            paged.addAll(seqs(page));
            cursor = (String) ((Map<?, ?>) json(page).get("page")).get("nextCursor");
        } while (cursor != null);
        assertThat(paged).containsExactly(4L, 5L, 6L, 7L);

        assertThat(seqs(client(admin).get().uri("/api/v1/audit?limit=10&cursor=" + oldCursor)
                .exchange().expectStatus().isOk().expectBody().returnResult())).containsExactly(4L, 5L, 6L, 7L);

        String csv = new String(client(admin).get().uri("/api/v1/audit/export").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBodyContent(), StandardCharsets.UTF_8);
        assertThat(csv.lines().skip(1).map(line -> line.split(",")[1])).containsExactly("4", "5", "6", "7");
        assertThat(csv).contains(",audit.expire,");
    }

    // ---------------------------------------------------------------- what the database refuses

    @Test
    @DisplayName("[OPS-AUDIT] a DELETE in SQL of an event no anchor covers is refused, before expiry and after it, also in replication mode")
    void deleteWhenNotCoveredThenRefused() throws Exception {
        TestCompany c = agedCompany("株式会社監査削除拒否");
        assertThatThrownBy(() -> execute("DELETE FROM audit_event WHERE chain = ? AND seq = 1", c.id()))
                .hasMessageContaining("append-only");
        retention.expire(c.id()).block();

        for (String sql : List.of("DELETE FROM audit_event WHERE chain = ? AND seq = 4",
                "DELETE FROM audit_event WHERE chain = ?")) {
            assertThatThrownBy(() -> execute(sql, c.id())).as(sql).hasMessageContaining("unless an anchor covers");
        }
        try (Connection jdbc = TestDatabase.connect(DATABASE); PreparedStatement delete = jdbc.prepareStatement(
                "DELETE FROM audit_event WHERE chain = ? AND seq = 5")) {
            jdbc.createStatement().execute("SET session_replication_role = replica");
            delete.setObject(1, c.id());
            assertThatThrownBy(delete::executeUpdate).hasMessageContaining("append-only");
        }
        assertThatThrownBy(() -> execute("UPDATE audit_event SET outcome = 'FAILURE' WHERE chain = ? AND seq = 4", c.id()))
                .hasMessageContaining("append-only");
        assertThat(events(c.id())).extracting(e -> e.get("seq")).containsExactly(4L, 5L, 6L);
    }

    @Test
    @DisplayName("[OPS-AUDIT] a forged anchor is refused: wrong hash, moving backwards or standing still, covering part of a month, the last year, off a month boundary, or miscounting")
    void anchorWhenForgedThenRefused() throws Exception {
        TestCompany c = agedCompany("株式会社監査偽アンカー");
        byte[] hash2 = (byte[]) event(c.id(), 2).get("hash");
        byte[] hash3 = (byte[]) event(c.id(), 3).get("hash");
        byte[] hash4 = (byte[]) event(c.id(), 4).get("hash");
        byte[] hash5 = (byte[]) event(c.id(), 5).get("hash");
        Instant thisMonth = ZonedDateTime.now(ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).toInstant();

        assertThatThrownBy(() -> anchor(c.id(), 3, random32(), cutoff, 3)).hasMessageContaining("hash of the event");
        assertThatThrownBy(() -> anchor(c.id(), 4, hash4, cutoff, 4)).hasMessageContaining("whole months only");
        assertThatThrownBy(() -> anchor(c.id(), 5, hash5, thisMonth, 5)).hasMessageContaining("last year");
        assertThatThrownBy(() -> anchor(c.id(), 3, hash3, cutoff.plusSeconds(3600), 3))
                .hasMessageContaining("first instant of a month");
        assertThatThrownBy(() -> anchor(c.id(), 3, hash3, cutoff, 2)).hasMessageContaining("count the 3 events");
        assertThat(anchors(c.id())).isEmpty();

        retention.expire(c.id()).block();
        assertThatThrownBy(() -> anchor(c.id(), 2, hash2, cutoff, 2)).hasMessageContaining("only move forward");
        assertThatThrownBy(() -> anchor(c.id(), 3, hash3, cutoff, 3)).hasMessageContaining("only move forward");
        assertThat(anchors(c.id())).hasSize(1);
        assertThat(events(c.id())).extracting(e -> e.get("seq")).containsExactly(4L, 5L, 6L);
    }

    @Test
    @DisplayName("[OPS-AUDIT] UPDATE, DELETE and TRUNCATE of audit_anchor are refused, also in replication mode")
    void anchorWhenChangedThenRefused() throws Exception {
        TestCompany c = agedCompany("株式会社監査アンカー不変");
        retention.expire(c.id()).block();
        for (String sql : List.of("UPDATE audit_anchor SET through_hash = sha256('x') WHERE chain = ?",
                "UPDATE audit_anchor SET through_seq = 2 WHERE chain = ?",
                "DELETE FROM audit_anchor WHERE chain = ?")) {
            assertThatThrownBy(() -> execute(sql, c.id())).as(sql).hasMessageContaining("append-only");
        }
        try (Connection jdbc = TestDatabase.connect(DATABASE); Statement statement = jdbc.createStatement()) {
            assertThatThrownBy(() -> statement.execute("TRUNCATE audit_anchor")).hasMessageContaining("append-only");
            statement.execute("SET session_replication_role = replica");
            assertThatThrownBy(() -> statement.execute("DELETE FROM audit_anchor")).hasMessageContaining("append-only");
        }
        assertThat(anchors(c.id())).singleElement().satisfies(a -> assertThat(a).containsEntry("through_seq", 3L));
    }

    @Test
    @DisplayName("[OPS-AUDIT] verify reports a first kept event changed, relinked or removed behind the trigger's back, and an anchor the chain does not record")
    void verifyWhenStartTamperedThenBroken() throws Exception {
        Map<String, String> reasons = new LinkedHashMap<>();
        reasons.put("UPDATE audit_event SET source_address = '198.51.100.9' WHERE chain = ? AND seq = 4", "CONTENT_MISMATCH");
        reasons.put("UPDATE audit_event SET prev_hash = sha256('forged') WHERE chain = ? AND seq = 4", "PREVIOUS_HASH_MISMATCH");
        reasons.put("DELETE FROM audit_event WHERE chain = ? AND seq = 4", "SEQUENCE_GAP");
        for (Map.Entry<String, String> tamper : reasons.entrySet()) {
            TestCompany c = agedCompany("株式会社監査先頭改ざん");
            retention.expire(c.id()).block();
            bypassingTriggers(tamper.getKey(), c.id());
            Map<String, Object> verified = verify(login(c.adminLoginId()));
            assertThat(verified).as(tamper.getKey()).containsEntry("valid", false).containsEntry("checkedEvents", 0)
                    .containsEntry("firstBrokenSeq", 4).containsEntry("reason", tamper.getValue());
            assertThat(map(verified.get("anchor"))).as(tamper.getKey()).containsEntry("throughSeq", 3);
        }

        // An owner who anchors and deletes the next event without the audit.expire record of it.
        TestCompany c = agedCompany("株式会社監査無記録アンカー");
        retention.expire(c.id()).block();
        Map<String, Object> fourth = event(c.id(), 4);
        try (Connection jdbc = TestDatabase.connect(DATABASE)) {
            jdbc.setAutoCommit(false);
            try (Statement ddl = jdbc.createStatement(); PreparedStatement forge = jdbc.prepareStatement("""
                    INSERT INTO audit_anchor (chain, through_seq, through_hash, through_time, removed, anchored_at,
                                              previous_through_seq)
                    VALUES (?, 4, ?, ?, 1, now(), 3)""")) {
                ddl.execute("ALTER TABLE audit_anchor DISABLE TRIGGER audit_anchor_checked");
                forge.setObject(1, c.id());
                forge.setBytes(2, (byte[]) fourth.get("hash"));
                forge.setObject(3, cutoff.atOffset(ZoneOffset.UTC));
                forge.executeUpdate();
                ddl.execute("ALTER TABLE audit_anchor ENABLE ALWAYS TRIGGER audit_anchor_checked");
            }
            jdbc.commit();
        }
        execute("DELETE FROM audit_event WHERE chain = ? AND seq = 4", c.id());
        Map<String, Object> verified = verify(login(c.adminLoginId()));
        assertThat(verified).containsEntry("valid", false).containsEntry("firstBrokenSeq", 5)
                .containsEntry("reason", "ANCHOR_MISMATCH");
        assertThat(map(verified.get("anchor"))).containsEntry("throughSeq", 4);
    }

    // ---------------------------------------------------------------- races and the schedule

    @Test
    @DisplayName("[OPS-AUDIT] expiry while 200 events are appended to the same chain, and a second expiry at once, lose nothing: gapless seqs, one anchor, a valid chain")
    void expireWhenConcurrentWithAppendsThenNothingLost() throws Exception {
        TestCompany c = fixtures.company("株式会社監査同時期限");
        UUID staff = userId(c.staffLoginId());
        at(cutoff.minus(Duration.ofDays(20)));
        for (int i = 0; i < 200; i++) {
            record(c.id(), staff);
        }
        at(now);

        int appenders = 8;
        int appendsEach = 25;
        ExecutorService threads = Executors.newFixedThreadPool(appenders + 2);
        try {
            CyclicBarrier start = new CyclicBarrier(appenders + 2);
            List<Future<Long>> expiries = new ArrayList<>();
            List<Future<Long>> appends = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                expiries.add(threads.submit(together(start, () -> retention.expire(c.id()).block())));
            }
            for (int i = 0; i < appenders; i++) {
                appends.add(threads.submit(together(start, () -> {
                    for (int n = 0; n < appendsEach; n++) {
                        record(c.id(), staff);
                    }
                    return (long) appendsEach;
                })));
            }
            List<Long> removed = new ArrayList<>();
            for (Future<Long> expiry : expiries) {
                removed.add(expiry.get(60, TimeUnit.SECONDS));
            }
            for (Future<Long> append : appends) {
                append.get(60, TimeUnit.SECONDS);
            }
            assertThat(removed).containsExactlyInAnyOrder(200L, 0L);
        }
        finally {
            threads.shutdownNow();
        }

        List<Map<String, Object>> kept = events(c.id());
        assertThat(kept).extracting(e -> e.get("seq"))
                .containsExactlyElementsOf(LongStream.rangeClosed(201, 401).boxed().toList());
        assertThat(kept).filteredOn(e -> "auth.logout".equals(e.get("action"))).hasSize(appenders * appendsEach);
        assertThat(kept).filteredOn(e -> "audit.expire".equals(e.get("action"))).hasSize(1);
        assertThat(anchors(c.id())).singleElement().satisfies(a -> assertThat(a).containsEntry("through_seq", 200L));
        assertThat(verify(login(c.adminLoginId()))).containsEntry("valid", true).containsEntry("checkedEvents", 202);
    }

    @Test
    @DisplayName("[OPS-AUDIT] two instances expiring the same eight chains at once remove each chain's aged events once, without an error")
    void expireWhenTwoInstancesAtOnceThenEachChainOnce() throws Exception {
        List<TestCompany> companies = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            companies.add(agedCompany("株式会社監査二重期限" + i));
        }
        ExecutorService threads = Executors.newFixedThreadPool(companies.size() * 2);
        try {
            CyclicBarrier start = new CyclicBarrier(companies.size() * 2);
            Map<UUID, List<Future<Long>>> expiries = new LinkedHashMap<>();
            for (TestCompany c : companies) {
                expiries.put(c.id(), List.of(
                        threads.submit(together(start, () -> retention.expire(c.id()).block())),
                        threads.submit(together(start, () -> retention.expire(c.id()).block()))));
            }
            for (Map.Entry<UUID, List<Future<Long>>> chain : expiries.entrySet()) {
                List<Long> removed = new ArrayList<>();
                for (Future<Long> expiry : chain.getValue()) {
                    removed.add(expiry.get(60, TimeUnit.SECONDS));
                }
                assertThat(removed).as("chain " + chain.getKey()).containsExactlyInAnyOrder(3L, 0L);
                assertThat(anchors(chain.getKey())).hasSize(1);
                assertThat(events(chain.getKey())).extracting(e -> e.get("action"))
                        .containsExactly("auth.logout", "auth.logout", "audit.expire");
            }
        }
        finally {
            threads.shutdownNow();
        }
    }

    @Test
    @DisplayName("[OPS-AUDIT] the scheduled job expires aged chains by itself on its interval and stops with the platform; with interval 0 it is not scheduled")
    void jobWhenScheduledThenExpiresByItself() throws Exception {
        assertThat(scheduledJob.isRunning()).isFalse();
        TestCompany c = agedCompany("株式会社監査定期実行");
        AuditExpiryJob job = new AuditExpiryJob(retention, new AuditRetentionProperties(Period.ofYears(7), Duration.ofMillis(200)));
        job.start();
        try {
            assertThat(job.isRunning()).isTrue();
            await().atMost(Duration.ofSeconds(20)).until(() -> anchors(c.id()).size() == 1);
        }
        finally {
            job.stop();
        }
        assertThat(job.isRunning()).isFalse();
        assertThat(events(c.id())).extracting(e -> e.get("seq")).containsExactly(4L, 5L, 6L);
        assertThat(event(c.id(), 6)).containsEntry("action", "audit.expire");
    }

    // ---------------------------------------------------------------- helpers

    /**
     * A company whose chain holds three aged events (seq 1 to 3, in the last three months before
     * the cutoff) and two kept ones (seq 4 at the cutoff, 5 a day before now); the clock is left at now.
     */
    private TestCompany agedCompany(String name) throws SQLException {
        TestCompany c = fixtures.company(name);
        UUID staff = userId(c.staffLoginId());
        for (Instant t : List.of(cutoff.minus(Duration.ofDays(70)), cutoff.minus(Duration.ofDays(35)),
                cutoff.minusSeconds(5), cutoff, now.minus(Duration.ofDays(1)))) {
            at(t);
            record(c.id(), staff);
        }
        at(now);
        return c;
    }

    /** Moves the platform's clock to the instant, backwards or forwards. */
    private void at(Instant instant) {
        clock.reset();
        clock.advance(Duration.between(Instant.now(), instant));
    }

    private void record(UUID companyId, UUID userId) {
        audit.record(AuditEntry.success(companyId, Actor.user(userId), AuditAction.LOGOUT, "session", UUID.randomUUID()))
                .block();
    }

    private static Callable<Long> together(CyclicBarrier start, Callable<Long> work) {
        return () -> {
            start.await(10, TimeUnit.SECONDS);
            return work.call();
        };
    }

    private double expiredCounter() {
        return metrics.get("btob.audit.events.expired").counter().count();
    }

    private Map<String, Object> verify(String token) {
        return json(client(token).get().uri("/api/v1/audit/verify")
                .exchange().expectStatus().isOk().expectBody().returnResult());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(EntityExchangeResult<byte[]> result) {
        return JSON.readValue(result.getResponseBodyContent(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object json) {
        return (Map<String, Object>) json;
    }

    private static List<Long> seqs(EntityExchangeResult<byte[]> result) {
        return ((List<?>) json(result).get("items")).stream()
                .map(item -> ((Number) ((Map<?, ?>) item).get("seq")).longValue()).toList();
    }

    private static void anchor(UUID chain, long throughSeq, byte[] throughHash, Instant throughTime, long removed)
            throws SQLException {
        execute("""
                INSERT INTO audit_anchor (chain, through_seq, through_hash, through_time, removed, anchored_at)
                VALUES (?, ?, ?, ?, ?, now())""", chain, throughSeq, throughHash, throughTime.atOffset(ZoneOffset.UTC), removed);
    }

    private static byte[] random32() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static Instant instant(Object timestamp) {
        return ((Timestamp) timestamp).toInstant();
    }

    private static UUID userId(String loginId) throws SQLException {
        return (UUID) rows("SELECT id FROM app_user WHERE login_id = ?", loginId).get(0).get("id");
    }

    private static List<Map<String, Object>> events(UUID companyId) throws SQLException {
        return rows("SELECT * FROM audit_event WHERE chain = ? ORDER BY seq", companyId);
    }

    private static Map<String, Object> event(UUID companyId, long seq) throws SQLException {
        return rows("SELECT * FROM audit_event WHERE chain = ? AND seq = ?", companyId, seq).get(0);
    }

    private static List<Map<String, Object>> anchors(UUID chain) throws SQLException {
        return rows("SELECT * FROM audit_anchor WHERE chain = ? ORDER BY through_seq", chain);
    }

    /** Changes the trail as only the table's owner could: the event trigger is off for this one transaction. */
    private static void bypassingTriggers(String sql, UUID chain) throws SQLException {
        try (Connection jdbc = TestDatabase.connect(DATABASE)) {
            jdbc.setAutoCommit(false);
            try (Statement ddl = jdbc.createStatement(); PreparedStatement change = jdbc.prepareStatement(sql)) {
                ddl.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only");
                change.setObject(1, chain);
                assertThat(change.executeUpdate()).isEqualTo(1);
                ddl.execute("ALTER TABLE audit_event ENABLE ALWAYS TRIGGER audit_event_append_only");
            }
            jdbc.commit();
        }
    }

    private static int execute(String sql, Object... parameters) throws SQLException {
        try (Connection jdbc = TestDatabase.connect(DATABASE); PreparedStatement statement = jdbc.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        }
    }

    private static List<Map<String, Object>> rows(String sql, Object... parameters) throws SQLException {
        try (Connection jdbc = TestDatabase.connect(DATABASE); PreparedStatement statement = jdbc.prepareStatement(sql)) {
            bind(statement, parameters);
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                ResultSetMetaData meta = result.getMetaData();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int column = 1; column <= meta.getColumnCount(); column++) {
                        Object value = result.getObject(column);
                        row.put(meta.getColumnLabel(column), value instanceof PGobject pg ? pg.getValue() : value);
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }
}
