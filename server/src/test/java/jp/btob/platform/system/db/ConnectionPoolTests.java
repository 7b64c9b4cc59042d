package jp.btob.platform.system.db;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.Sql;
import jp.btob.platform.support.TestDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The connection pool when the database cuts its connections, as a restart or a failover does:
 * the pool hands out no connection it knows to be closed, so the next requests are answered.
 */
class ConnectionPoolTests extends IntegrationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final Sql sql = new Sql(DATABASE);

    @Test
    @DisplayName("[DR-HA] the database cuts every pooled connection (pg_terminate_backend): the next requests are all answered, on new connections, with no 5xx")
    void connectionsWhenCutThenNextRequestsAnswered() {
        String token = login("buyer-admin");
        List<CompletableFuture<Integer>> parallel = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            parallel.add(CompletableFuture.supplyAsync(() -> me(token)));
        }
        parallel.forEach(answer -> assertThat(answer.join()).isEqualTo(200));

        List<Integer> cut = cutPooledConnections();
        assertThat(cut).as("pooled connections cut").hasSizeGreaterThanOrEqualTo(2);
        awaitSessionsEnded(cut);

        List<Integer> after = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            after.add(me(token));
        }
        assertThat(after).containsOnly(200);
    }

    @Test
    @DisplayName("[DR-HA] the database cuts the connection a request is waiting on: 503 unavailable with Retry-After, no stack or SQL in it, and the retry is answered")
    void connectionCutMidStatementThenUnavailableAndRetryAnswered() throws Exception {
        String token = login("buyer-admin");
        assertThat(me(token)).isEqualTo(200);

        EntityExchangeResult<byte[]> cut;
        try (Connection locker = TestDatabase.connect(DATABASE)) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                // The session lookup of the next request waits for this lock, on a pooled connection.
                lock.execute("LOCK TABLE user_session IN ACCESS EXCLUSIVE MODE");
            }
            CompletableFuture<EntityExchangeResult<byte[]>> waiting = CompletableFuture.supplyAsync(() ->
                    client(token).get().uri("/api/v1/me").exchange().expectBody().returnResult());
            sql.rows("SELECT pg_terminate_backend(?)", awaitSessionWaitingForLock());
            cut = waiting.get(30, TimeUnit.SECONDS);
            locker.rollback();
        }

        assertThat(cut.getStatus().value()).isEqualTo(503);
        assertThat(cut.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(cut.getResponseHeaders().getContentType()).hasToString("application/problem+json");
        String body = new String(cut.getResponseBody(), StandardCharsets.UTF_8);
        assertThat(body).contains("/problems/unavailable").contains("\"status\":503")
                .doesNotContain("user_session").doesNotContain("terminating").doesNotContain("r2dbc");
        assertThat(me(token)).as("the retry").isEqualTo(200);
    }

    private int me(String token) {
        return client(token).get().uri("/api/v1/me").exchange().returnResult(byte[].class).getStatus().value();
    }

    /**
     * Waits until the ended sessions are gone from the server: the database has then closed their
     * sockets, as it has once a restart or a failover is over.
     */
    private void awaitSessionsEnded(List<Integer> pids) {
        String ended = pids.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
        await().atMost(DEADLINE).until(() ->
                sql.count("SELECT count(*) FROM pg_stat_activity WHERE pid = ANY (CAST(? AS int[]))", ended) == 0);
    }

    /** The pooled session whose session lookup waits for the lock on the session table, once it waits. */
    private int awaitSessionWaitingForLock() {
        List<Map<String, Object>> waiting = await().atMost(DEADLINE).until(() -> sql.rows("SELECT pid FROM pg_stat_activity"
                + " WHERE datname = current_database() AND application_name = 'btob-platform'"
                + " AND wait_event_type = 'Lock' AND query LIKE 'SELECT s.id, s.user_id, s.company_id, s.last_seen_at%'"),
                rows -> !rows.isEmpty());
        return (Integer) waiting.get(0).get("pid");
    }

    /** Ends, from a connection of its own, every session of the platform's pool on the test database. */
    private List<Integer> cutPooledConnections() {
        return sql.rows("WITH pooled AS MATERIALIZED (SELECT pid FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND application_name = 'btob-platform')"
                        + " SELECT pid FROM pooled WHERE pg_terminate_backend(pid)")
                .stream().map(row -> (Integer) row.get("pid")).toList();
    }
}
