package jp.btob.platform.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.IntegrationTest;
import jp.btob.platform.support.Receivers;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The outbox's delivery mechanics: circuits, leases, claims, dead rows, and the backlog metric. */
class OutboxTests extends IntegrationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final Sql sql = new Sql(DATABASE);

    @Autowired
    private Notifications notifications;

    @Autowired
    private WebhookEndpoints endpoints;

    @Autowired
    private NotificationRepository outbox;

    @Autowired
    private TransactionalOperator tx;

    @Autowired
    private MeterRegistry registry;

    @LocalManagementPort
    private int managementPort;

    @Test
    @DisplayName("[OPS-ALERT, PLT-HOOK] an endpoint that keeps failing opens its circuit: its deliveries of events are deferred without spending attempts and WireMock sees no call, while another endpoint keeps receiving")
    void circuitWhenEndpointKeepsFailingThenOpenAndOthersUnaffected() {
        TestCompany c = fixtures.company("株式会社回路");
        String failingPath = "/failing-" + UUID.randomUUID();
        String healthyPath = "/healthy-" + UUID.randomUUID();
        Receivers.webhooks().stubFor(post(urlEqualTo(failingPath)).willReturn(aResponse().withStatus(503)));
        Receivers.webhooks().stubFor(post(urlEqualTo(healthyPath)).willReturn(aResponse().withStatus(200)));
        WebhookEndpoint failing = endpoints.create(c.id(), Receivers.webhookUrl(failingPath), null, List.of("*")).block().endpoint();
        WebhookEndpoint healthy = endpoints.create(c.id(), Receivers.webhookUrl(healthyPath), null, List.of("*")).block().endpoint();

        // Four rows in one transaction, so that one claim takes them all: the circuit's window is 4 calls.
        List<UUID> events = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        Flux.fromIterable(events)
                .concatMap(event -> notifications.webhook(new Topic("circuit-test", event), failing, event, "order.confirm", "{}"))
                .then().as(tx::transactional).block();

        await().atMost(DEADLINE).until(() -> sql.count("""
                SELECT count(*) FROM notification
                WHERE webhook_endpoint_id = ? AND status = 'PENDING' AND next_attempt_at > now() + interval '1 minute'
                """, failing.id()) == 4);
        // The circuit opens on the fourth failure recorded; a retry may race that result, so count, then hold it.
        int callsWhenOpen = calls(failingPath);
        assertThat(callsWhenOpen).isBetween(4, 5);
        assertThat(sql.count("SELECT sum(attempts) FROM notification WHERE webhook_endpoint_id = ?", failing.id()))
                .as("every call is one attempt, and deferring spends none").isEqualTo(callsWhenOpen);

        notifications.webhook(new Topic("circuit-test", UUID.randomUUID()), healthy, UUID.randomUUID(), "order.confirm", "{}").block();
        await().atMost(DEADLINE).until(() -> calls(healthyPath) == 1);
        // Backoff alone would retry the failing rows within a second; the open circuit keeps them back.
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> calls(failingPath) == callsWhenOpen);
        assertThat(sql.count("SELECT sum(attempts) FROM notification WHERE webhook_endpoint_id = ?", failing.id()))
                .isEqualTo(callsWhenOpen);
        assertThat(sql.count("SELECT count(*) FROM notification WHERE webhook_endpoint_id = ? AND status = 'DELIVERED'",
                healthy.id())).isEqualTo(1);
    }

    @Test
    @DisplayName("[OPS-ALERT] a row claimed by a process that died (lease in the past) is delivered; one whose lease is still live is left alone")
    void leaseWhenExpiredThenRedelivered() {
        TestCompany c = fixtures.company("株式会社貸出");
        String path = "/lease-" + UUID.randomUUID();
        Receivers.webhooks().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        WebhookEndpoint endpoint = endpoints.create(c.id(), Receivers.webhookUrl(path), null, List.of("*")).block().endpoint();
        UUID orphan = UUID.randomUUID();
        UUID held = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        insertClaimed(endpoint, orphan, now.minusMinutes(1));
        insertClaimed(endpoint, held, now.plusMinutes(10));

        await().atMost(DEADLINE).until(() -> sql.count(
                "SELECT count(*) FROM notification WHERE event_id = ? AND status = 'DELIVERED'", orphan) == 1);
        assertThat(Receivers.webhooks().findAll(postRequestedFor(urlEqualTo(path))))
                .extracting(request -> request.getHeader("X-Btob-Event-Id")).containsExactly(orphan.toString());
        assertThat(sql.rows("SELECT status, attempts FROM notification WHERE event_id = ?", held).get(0))
                .containsEntry("status", "PENDING").containsEntry("attempts", 0);
        sql.update("UPDATE notification SET status = 'CANCELLED', claimed_until = NULL WHERE event_id = ?", held);
    }

    @Test
    @DisplayName("[OPS-ALERT] concurrent claims never take one row twice (SKIP LOCKED), and a claimed row comes back only after its lease")
    void claimWhenConcurrentThenEachRowOnce() {
        TestCompany c = fixtures.company("株式会社同時取得");
        WebhookEndpoint endpoint = endpoints.create(c.id(), Receivers.webhookUrl("/claims-" + UUID.randomUUID()), null, List.of("*"))
                .block().endpoint();
        // Due a day from now, so that the platform's own worker, which claims at the real time, never sees them.
        OffsetDateTime due = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1);
        String topic = "claim-test";
        UUID topicId = UUID.randomUUID();
        for (int i = 0; i < 40; i++) {
            sql.update("""
                    INSERT INTO notification (channel, topic_type, topic_id, event_id, recipient, endpoint_key, webhook_endpoint_id,
                                              body, status, next_attempt_at, created_at)
                    VALUES ('WEBHOOK', ?, ?, gen_random_uuid(), ?, ?, ?, '{}', 'PENDING', ?, now())
                    """, topic, topicId, endpoint.url(), endpoint.url(), endpoint.id(), due);
        }
        Instant at = due.toInstant().plusSeconds(1);
        Instant leaseEnd = at.plus(Duration.ofMinutes(2));
        List<List<NotificationRow>> claims = Flux.range(0, 8)
                .flatMap(i -> outbox.claim(List.of(Channel.WEBHOOK), at, leaseEnd, 10).collectList(), 8)
                .collectList().block();
        List<UUID> claimed = new ArrayList<>();
        claims.forEach(batch -> batch.stream().filter(row -> row.endpointKey().equals(endpoint.url()))
                .forEach(row -> claimed.add(row.id())));
        Set<UUID> distinct = new HashSet<>(claimed);
        assertThat(claimed).hasSize(distinct.size());
        assertThat(distinct).hasSize(40);
        assertThat(outbox.claim(List.of(Channel.WEBHOOK), at.plusSeconds(60), leaseEnd.plusSeconds(60), 100)
                .filter(row -> row.endpointKey().equals(endpoint.url())).count().block())
                .as("leases still live").isZero();
        assertThat(outbox.claim(List.of(Channel.WEBHOOK), leaseEnd.plusSeconds(1), leaseEnd.plusSeconds(120), 100)
                .filter(row -> row.endpointKey().equals(endpoint.url())).count().block())
                .as("every lease ran out").isEqualTo(40);
        sql.update("UPDATE notification SET status = 'CANCELLED', claimed_until = NULL WHERE topic_id = ?", topicId);
    }

    @Test
    @DisplayName("[OPS-ALERT] retries exhausted: the row is DEAD after the last attempt with its error, and counted in btob.notifications.deliveries{outcome=DEAD}")
    void retriesWhenExhaustedThenDeadAndCounted() {
        TestCompany c = fixtures.company("株式会社再送尽");
        String path = "/dead-" + UUID.randomUUID();
        Receivers.webhooks().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(502)));
        WebhookEndpoint endpoint = endpoints.create(c.id(), Receivers.webhookUrl(path), null, List.of("*")).block().endpoint();
        double dead = registry.get("btob.notifications.deliveries").tag("channel", "WEBHOOK").tag("outcome", "DEAD")
                .counter().count();
        UUID event = UUID.randomUUID();

        notifications.webhook(new Topic("dead-test", UUID.randomUUID()), endpoint, event, null, "{\"n\":1}").block();

        await().atMost(DEADLINE).until(() -> sql.count(
                "SELECT count(*) FROM notification WHERE event_id = ? AND status = 'DEAD'", event) == 1);
        assertThat(sql.rows("SELECT attempts, last_error, delivered_at FROM notification WHERE event_id = ?", event).get(0))
                .containsEntry("attempts", 3).containsEntry("last_error", "HTTP 502").containsEntry("delivered_at", null);
        assertThat(calls(path)).isEqualTo(3);
        assertThat(registry.get("btob.notifications.deliveries").tag("channel", "WEBHOOK").tag("outcome", "DEAD")
                .counter().count()).isEqualTo(dead + 1);
    }

    @Test
    @DisplayName("[OPS-MON] the management port serves btob_notifications_backlog, the outbox's pending rows, and the delivery counters")
    void backlogWhenRowsPendThenGaugeOnManagementPort() {
        TestCompany c = fixtures.company("株式会社滞留");
        WebhookEndpoint endpoint = endpoints.create(c.id(), Receivers.webhookUrl("/backlog-" + UUID.randomUUID()), null, List.of("*"))
                .block().endpoint();
        UUID topicId = UUID.randomUUID();
        OffsetDateTime later = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1);
        for (int i = 0; i < 7; i++) {
            sql.update("""
                    INSERT INTO notification (channel, topic_type, topic_id, event_id, recipient, endpoint_key, webhook_endpoint_id,
                                              body, status, next_attempt_at, created_at)
                    VALUES ('WEBHOOK', 'backlog-test', ?, gen_random_uuid(), ?, ?, ?, '{}', 'PENDING', ?, now())
                    """, topicId, endpoint.url(), endpoint.url(), endpoint.id(), later);
        }
        await().atMost(DEADLINE).until(() -> {
            long pending = sql.count("SELECT count(*) FROM notification WHERE status = 'PENDING'");
            return pending >= 7 && backlog() == pending;
        });
        String scrape = scrape();
        assertThat(scrape).contains("btob_notifications_deliveries_total{channel=\"EMAIL\",outcome=\"DEAD\"}",
                "btob_notifications_deliveries_total{channel=\"WEBHOOK\",outcome=\"DELIVERED\"}");

        double withRows = backlog();
        sql.update("UPDATE notification SET status = 'CANCELLED' WHERE topic_id = ?", topicId);
        await().atMost(DEADLINE).until(() -> backlog() <= withRows - 7);
    }

    private void insertClaimed(WebhookEndpoint endpoint, UUID eventId, OffsetDateTime claimedUntil) {
        sql.update("""
                INSERT INTO notification (channel, topic_type, topic_id, event_id, recipient, endpoint_key, webhook_endpoint_id,
                                          body, status, next_attempt_at, claimed_until, created_at)
                VALUES ('WEBHOOK', 'lease-test', gen_random_uuid(), ?, ?, ?, ?, '{"lease":true}', 'PENDING',
                        now() - interval '2 minutes', ?, now())
                """, eventId, endpoint.url(), endpoint.url(), endpoint.id(), claimedUntil);
    }

    private static int calls(String path) {
        return Receivers.webhooks().findAll(postRequestedFor(urlEqualTo(path))).size();
    }

    private double backlog() {
        return scrape().lines().filter(line -> line.startsWith("btob_notifications_backlog "))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("btob_notifications_backlog is not exposed"));
    }

    private String scrape() {
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(HttpClient.create()
                        .secure(spec -> spec.sslContext(trustingSslContext()))))
                .baseUrl("https://127.0.0.1:" + managementPort)
                .responseTimeout(Duration.ofSeconds(15))
                // The whole scrape, which outgrows the client's default 256 KiB as the suite adds routes.
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
                .build()
                .get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }
}
