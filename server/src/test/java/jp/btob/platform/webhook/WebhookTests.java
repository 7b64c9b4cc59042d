package jp.btob.platform.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jp.btob.client.WebhookSignature;
import jp.btob.platform.order.OrderTest;
import jp.btob.platform.support.Fixtures.TestCompany;
import jp.btob.platform.support.Receivers;
import jp.btob.platform.support.Sql;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static jp.btob.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Webhooks for document events: what is sent to whom, signed how, retried how long, logged and replayed. */
class WebhookTests extends OrderTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Sql sql = new Sql(DATABASE);

    @Autowired
    private WebhookEvents events;

    @Test
    @DisplayName("[PLT-HOOK] an order placed then confirmed: each party's subscribed endpoint gets order.place and order.confirm, one event per company, signed and verified by the SDK, without the order's content; an unsubscribed endpoint gets nothing; a stale If-Match writes no event and no delivery")
    void orderWhenPlacedAndConfirmedThenEventsToSubscribedEndpointsOfBothParties() throws Exception {
        Trade trade = trade("フック");
        String buyerPath = path("buyer");
        String sellerPath = path("seller");
        String otherPath = path("unsubscribed");
        for (String path : List.of(buyerPath, sellerPath, otherPath)) {
            Receivers.webhooks().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
        }
        String buyerSecret = secret(create(trade.asBuyer(), trade.buyer().id(), buyerPath, List.of("order.place", "order.confirm")));
        String sellerSecret = secret(create(trade.asSeller(), trade.seller().id(), sellerPath, List.of("*")));
        Map<String, Object> unsubscribed = create(trade.asSeller(), trade.seller().id(), otherPath, List.of("invoice.issue"));

        Map<String, Object> placed = place(trade, lines());
        Map<String, Object> confirmed = stepped(trade.asSeller(), placed, "confirm", Map.of());

        List<LoggedRequest> toBuyer = awaitRequests(buyerPath, 2);
        List<LoggedRequest> toSeller = awaitRequests(sellerPath, 2);
        assertThat(types(toBuyer)).containsExactly("order.place", "order.confirm");
        assertThat(types(toSeller)).containsExactly("order.place", "order.confirm");
        for (LoggedRequest request : toBuyer) {
            WebhookSignature.verify(buyerSecret, request.getHeader("X-Btob-Signature"), request.getBody(), Duration.ofMinutes(5));
            JsonNode body = JSON.readTree(request.getBody());
            assertThat(body.get("id").asString()).isEqualTo(request.getHeader("X-Btob-Event-Id"));
            assertThat(body.get("companyId").asString()).isEqualTo(trade.buyer().id().toString());
            assertThat(body.get("data").get("side").asString()).isEqualTo("buyer");
            assertThat(body.get("data").get("actor").get("type").asString()).isEqualTo("user");
            assertThat(body.get("data").get("path").asString()).isEqualTo("/api/v1/orders/" + placed.get("id"));
            assertThat(body.get("data").get("document").get("id").asString()).isEqualTo(placed.get("id"));
            assertThat(body.get("data").get("document").get("sellerId").asString()).isEqualTo(trade.seller().id().toString());
            assertThat(new String(request.getBody(), StandardCharsets.UTF_8)).doesNotContain("事務用品", "1月20日");
        }
        JsonNode lastToBuyer = JSON.readTree(toBuyer.get(1).getBody());
        assertThat(lastToBuyer.get("data").get("document").get("status").asString()).isEqualTo(confirmed.get("status"));
        assertThat(lastToBuyer.get("data").get("document").get("version").asInt()).isEqualTo(confirmed.get("version"));
        for (LoggedRequest request : toSeller) {
            WebhookSignature.verify(sellerSecret, request.getHeader("X-Btob-Signature"), request.getBody(), Duration.ofMinutes(5));
            assertThat(JSON.readTree(request.getBody()).get("data").get("side").asString()).isEqualTo("seller");
        }
        assertThat(eventIds(toBuyer)).doesNotContainAnyElementsOf(eventIds(toSeller)).doesNotHaveDuplicates();
        assertThat(sql.count("SELECT count(*) FROM webhook_event WHERE body LIKE ?", "%" + placed.get("id") + "%")).isEqualTo(4);
        assertThat(sql.count("SELECT count(*) FROM notification WHERE webhook_endpoint_id = ?", id(unsubscribed))).isZero();

        long eventsBefore = sql.count("SELECT count(*) FROM webhook_event");
        long deliveriesBefore = sql.count("SELECT count(*) FROM notification");
        step(trade.asSeller(), placed.get("id"), "ship", 1, quantities(1, "1")).expectStatus().isEqualTo(412);
        assertThat(sql.count("SELECT count(*) FROM webhook_event")).isEqualTo(eventsBefore);
        assertThat(sql.count("SELECT count(*) FROM notification")).isEqualTo(deliveriesBefore);
    }

    @Test
    @DisplayName("[PLT-HOOK][PLT-TENANT] another company's administrator gets 404 reading, changing, rotating, listing deliveries of or replaying an endpoint, delivery or event not its own; staff without webhook:manage get 403; nothing changes")
    void webhooksWhenOtherCompanyOrStaffThenNotFoundOrForbidden() {
        TestCompany a = fixtures.company("株式会社フック甲");
        TestCompany b = fixtures.company("株式会社フック乙");
        WebTestClient asA = client(login(a.adminLoginId()));
        WebTestClient asB = client(login(b.adminLoginId()));
        WebTestClient staff = client(login(a.staffLoginId()));
        String path = path("tenant");
        Receivers.webhooks().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
        UUID endpoint = id(create(asA, a.id(), path, List.of("*")));
        UUID bEndpoint = id(create(asB, b.id(), path("tenant-b"), List.of("*")));
        UUID event = UUID.randomUUID();
        events.alertRaised(a.id(), event, Instant.now(), "{\"id\":\"" + event + "\"}").block();
        UUID delivery = (UUID) sql.rows("SELECT id FROM notification WHERE event_id = ?", event).get(0).get("id");
        Map<String, Object> range = Map.of("from", "2026-01-01T00:00:00Z", "to", "2026-01-02T00:00:00Z");

        for (UUID company : List.of(a.id(), b.id())) {
            String base = "/api/v1/companies/" + company + "/webhook-endpoints/" + endpoint;
            notFound(asB.get().uri(base).exchange());
            notFound(asB.patch().uri(base).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("description", "乙"))
                    .exchange());
            notFound(asB.post().uri(base + "/rotate-secret").exchange());
            notFound(asB.get().uri(base + "/deliveries").exchange());
            notFound(asB.get().uri(base + "/deliveries/" + delivery).exchange());
            notFound(asB.post().uri(base + "/events/" + event + "/redeliver").exchange());
            notFound(asB.post().uri(base + "/redeliveries").contentType(MediaType.APPLICATION_JSON).bodyValue(range).exchange());
            notFound(asB.delete().uri(base).exchange());
        }
        // B's own endpoint cannot replay A's event, nor read A's delivery through it.
        notFound(asB.post().uri("/api/v1/companies/{c}/webhook-endpoints/{e}/events/{v}/redeliver", b.id(), bEndpoint, event)
                .exchange());
        notFound(asB.get().uri("/api/v1/companies/{c}/webhook-endpoints/{e}/deliveries/{d}", b.id(), bEndpoint, delivery)
                .exchange());

        String base = "/api/v1/companies/" + a.id() + "/webhook-endpoints";
        for (WebTestClient.ResponseSpec answer : List.of(staff.get().uri(base).exchange(),
                staff.get().uri(base + "/" + endpoint + "/deliveries").exchange(),
                staff.post().uri(base + "/" + endpoint + "/rotate-secret").exchange(),
                staff.post().uri(base + "/" + endpoint + "/events/" + event + "/redeliver").exchange(),
                staff.get().uri("/api/v1/webhook-event-types").exchange())) {
            assertProblem(answer.expectStatus().isForbidden().expectBody(), "/problems/permission-denied", 403);
        }
        assertThat(sql.count("SELECT count(*) FROM webhook_endpoint WHERE id = ? AND deleted_at IS NULL"
                + " AND secret_rotated_at IS NULL AND description IS NULL", endpoint)).isEqualTo(1);
        assertThat(sql.count("SELECT count(*) FROM notification WHERE event_id = ?", event)).isEqualTo(1);
        asA.get().uri(base + "/" + endpoint).exchange().expectStatus().isOk();
    }

    @Test
    @DisplayName("[PLT-HOOK] the receiver answers 500, 500, 200: the log shows one delivery with 3 attempts and their HTTP statuses, the same event ID each time, and the filters find it")
    void deliveryWhenFailsTwiceThenLogShowsThreeAttempts() throws Exception {
        TestCompany c = fixtures.company("株式会社フック再送");
        WebTestClient admin = client(login(c.adminLoginId()));
        String path = path("retried");
        String scenario = "retry " + path;
        Receivers.webhooks().stubFor(post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("failed once"));
        Receivers.webhooks().stubFor(post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs("failed once")
                .willReturn(aResponse().withStatus(500)).willSetStateTo("failed twice"));
        Receivers.webhooks().stubFor(post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs("failed twice")
                .willReturn(aResponse().withStatus(200)));
        UUID endpoint = id(create(admin, c.id(), path, List.of("alert.raised")));
        UUID event = UUID.randomUUID();
        events.alertRaised(c.id(), event, Instant.now(), "{\"id\":\"" + event + "\"}").block();

        List<LoggedRequest> requests = awaitRequests(path, 3);
        assertThat(eventIds(requests)).containsExactly(event.toString(), event.toString(), event.toString());
        String base = "/api/v1/companies/" + c.id() + "/webhook-endpoints/" + endpoint + "/deliveries";
        await().atMost(DEADLINE).until(() -> "DELIVERED".equals(item(admin, base, "").get("status")));
        Map<String, Object> listed = item(admin, base, "?status=DELIVERED&eventType=alert.raised");
        assertThat(listed).containsEntry("eventId", event.toString()).containsEntry("eventType", "alert.raised")
                .containsEntry("attempts", 3).containsEntry("lastHttpStatus", 200).containsKey("deliveredAt")
                .doesNotContainKey("lastError");
        assertThat(page(admin, base, "?status=DEAD")).isEmpty();
        assertThat(page(admin, base, "?eventType=order.place")).isEmpty();
        Map<String, Object> detail = admin.get().uri(base + "/" + listed.get("id")).exchange().expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
        List<Object> attempts = objects(detail.get("attempts"));
        assertThat(attempts).extracting(attempt -> field(attempt, "httpStatus")).containsExactly(500, 500, 200);
        assertThat(attempts).extracting(attempt -> field(attempt, "outcome"))
                .containsExactly("FAILED", "FAILED", "DELIVERED");
        assertThat(((Map<?, ?>) attempts.get(0)).get("error")).isEqualTo("HTTP 500");
    }

    @Test
    @DisplayName("[PLT-HOOK] a receiver that keeps failing: still PENDING after more attempts than max-attempts, DEAD once the clock is past three days from the event")
    void deliveryWhenFailingPastRetryForThenDead() {
        TestCompany c = fixtures.company("株式会社フック期限");
        WebTestClient admin = client(login(c.adminLoginId()));
        String path = path("failing");
        Receivers.webhooks().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(500)));
        UUID endpoint = id(create(admin, c.id(), path, List.of("*")));
        UUID event = UUID.randomUUID();
        events.alertRaised(c.id(), event, Instant.now(), "{}").block();

        // max-attempts is 3 in the tests: a fourth failure still leaves an event's delivery pending.
        await().atMost(DEADLINE).until(() -> sql.count(
                "SELECT count(*) FROM notification WHERE webhook_endpoint_id = ? AND attempts >= 4", endpoint) == 1);
        assertThat(sql.rows("SELECT status FROM notification WHERE webhook_endpoint_id = ?", endpoint).get(0))
                .containsEntry("status", "PENDING");

        clock.advance(Duration.ofDays(3).plusHours(2));
        await().atMost(DEADLINE).until(() -> sql.count(
                "SELECT count(*) FROM notification WHERE webhook_endpoint_id = ? AND status = 'DEAD'", endpoint) == 1);
        // The session from before the clock moved three days has expired.
        assertThat(item(client(login(c.adminLoginId())), "/api/v1/companies/" + c.id() + "/webhook-endpoints/" + endpoint + "/deliveries", ""))
                .containsEntry("status", "DEAD").containsEntry("lastHttpStatus", 500).doesNotContainKey("nextAttemptAt");
    }

    @Test
    @DisplayName("[PLT-HOOK] after a rotation every delivery carries two v1, the new secret's then the old one's, each verifying; once the overlap is over, or with overlapSeconds 0, only the new one")
    void rotationWhenOverlapThenTwoSignaturesThenOne() throws Exception {
        TestCompany c = fixtures.company("株式会社フック鍵");
        WebTestClient admin = client(login(c.adminLoginId()));
        String path = path("rotated");
        Receivers.webhooks().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
        Map<String, Object> created = create(admin, c.id(), path, List.of("*"));
        String old = secret(created);
        String base = "/api/v1/companies/" + c.id() + "/webhook-endpoints/" + id(created);
        Map<String, Object> rotated = admin.post().uri(base + "/rotate-secret").exchange().expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
        String current = (String) rotated.get("secret");
        assertThat(Instant.parse((String) rotated.get("previousSecretExpiresAt")))
                .isCloseTo(clock.instant().plus(Duration.ofHours(24)), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));

        events.alertRaised(c.id(), UUID.randomUUID(), Instant.now(), "{\"n\":1}").block();
        LoggedRequest during = awaitRequests(path, 1).get(0);
        String header = during.getHeader("X-Btob-Signature");
        long t = Long.parseLong(header.substring(2, header.indexOf(',')));
        assertThat(header).isEqualTo("t=" + t + ",v1=" + hmac(current, t, during.getBody()) + ",v1=" + hmac(old, t, during.getBody()));
        WebhookSignature.verify(old, header, during.getBody(), Duration.ofMinutes(5));
        WebhookSignature.verify(current, header, during.getBody(), Duration.ofMinutes(5));

        clock.advance(Duration.ofHours(25));
        events.alertRaised(c.id(), UUID.randomUUID(), Instant.now(), "{\"n\":2}").block();
        LoggedRequest after = awaitRequests(path, 2).get(1);
        String single = after.getHeader("X-Btob-Signature");
        long t2 = Long.parseLong(single.substring(2, single.indexOf(',')));
        assertThat(single).isEqualTo("t=" + t2 + ",v1=" + hmac(current, t2, after.getBody()));

        String newest = (String) client(login(c.adminLoginId())).post().uri(base + "/rotate-secret").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("overlapSeconds", 0)).exchange().expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody().get("secret");
        events.alertRaised(c.id(), UUID.randomUUID(), Instant.now(), "{\"n\":3}").block();
        LoggedRequest third = awaitRequests(path, 3).get(2);
        String only = third.getHeader("X-Btob-Signature");
        long t3 = Long.parseLong(only.substring(2, only.indexOf(',')));
        assertThat(only).isEqualTo("t=" + t3 + ",v1=" + hmac(newest, t3, third.getBody()));
    }

    @Test
    @DisplayName("[PLT-HOOK] replay: one event again with the same ID and body as a new delivery; a range of the company's subscribed events only, counted, idempotent by key; a range over 31 days or over 10 000 events refused with 422 naming to")
    void replayWhenEventOrRangeThenNewDeliveriesOfTheSameEvents() {
        TestCompany c = fixtures.company("株式会社フック再生");
        TestCompany other = fixtures.company("株式会社フック他社");
        WebTestClient admin = client(login(c.adminLoginId()));
        String path = path("replayed");
        Receivers.webhooks().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
        Instant now = clock.instant();
        UUID recent = UUID.randomUUID();
        UUID older = UUID.randomUUID();
        UUID outside = UUID.randomUUID();
        events.alertRaised(c.id(), recent, now.minus(Duration.ofDays(1)), "{\"n\":\"recent\"}").block();
        events.alertRaised(c.id(), older, now.minus(Duration.ofDays(2)), "{\"n\":\"older\"}").block();
        events.alertRaised(c.id(), outside, now.minus(Duration.ofDays(40)), "{\"n\":\"outside\"}").block();
        events.alertRaised(other.id(), UUID.randomUUID(), now.minus(Duration.ofDays(1)), "{\"n\":\"other\"}").block();
        sql.update("""
                INSERT INTO webhook_event (id, company_id, type, created_at, body)
                VALUES (gen_random_uuid(), ?, 'order.place', ?, '{}')
                """, c.id(), java.sql.Timestamp.from(now.minus(Duration.ofDays(1))));
        UUID endpoint = id(create(admin, c.id(), path, List.of("alert.raised")));
        String base = "/api/v1/companies/" + c.id() + "/webhook-endpoints/" + endpoint;

        Map<String, Object> one = admin.post().uri(base + "/events/" + recent + "/redeliver").exchange()
                .expectStatus().isAccepted().expectBody(JSON_OBJECT).returnResult().getResponseBody();
        assertThat(one).containsEntry("eventId", recent.toString()).containsEntry("status", "PENDING");
        LoggedRequest replayed = awaitRequests(path, 1).get(0);
        assertThat(replayed.getHeader("X-Btob-Event-Id")).isEqualTo(recent.toString());
        assertThat(replayed.getBodyAsString()).isEqualTo("{\"n\":\"recent\"}");

        Map<String, Object> range = Map.of("from", now.minus(Duration.ofDays(3)).toString(), "to", now.toString());
        String key = "replay-" + UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            admin.post().uri(base + "/redeliveries").header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(range).exchange().expectStatus().isAccepted().expectBody().jsonPath("$.count").isEqualTo(2);
        }
        List<LoggedRequest> all = awaitRequests(path, 3);
        assertThat(eventIds(all)).containsExactlyInAnyOrder(recent.toString(), recent.toString(), older.toString());
        assertThat(sql.count("SELECT count(*) FROM notification WHERE webhook_endpoint_id = ?", endpoint)).isEqualTo(3);

        WebTestClient.BodyContentSpec tooLong = admin.post().uri(base + "/redeliveries").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("from", now.minus(Duration.ofDays(32)).toString(), "to", now.toString()))
                .exchange().expectStatus().isEqualTo(422).expectBody();
        tooLong.jsonPath("$.errors[0].field").isEqualTo("to");
        sql.update("""
                INSERT INTO webhook_event (id, company_id, type, created_at, body)
                SELECT gen_random_uuid(), ?, 'alert.raised', ?::timestamptz - n * interval '1 millisecond', '{}'
                FROM generate_series(1, 10001) AS n
                """, c.id(), java.sql.Timestamp.from(now.minus(Duration.ofDays(10))));
        admin.post().uri(base + "/redeliveries").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("from", now.minus(Duration.ofDays(11)).toString(), "to", now.minus(Duration.ofDays(9)).toString()))
                .exchange().expectStatus().isEqualTo(422).expectBody().jsonPath("$.errors[0].field").isEqualTo("to");
        assertThat(sql.count("SELECT count(*) FROM notification WHERE webhook_endpoint_id = ?", endpoint)).isEqualTo(3);

        UUID otherEvent = (UUID) sql.rows("SELECT id FROM webhook_event WHERE company_id = ?", other.id()).get(0).get("id");
        notFound(admin.post().uri(base + "/events/" + otherEvent + "/redeliver").exchange());
    }

    @Test
    @DisplayName("[PLT-HOOK] SSRF: creating or changing an endpoint to http, loopback, private or metadata addresses answers 422 naming url, unknown event types 422 naming eventTypes; nothing is stored")
    void endpointWhenInternalUrlOrUnknownTypeThenUnprocessable() {
        TestCompany c = fixtures.company("株式会社フック防御");
        WebTestClient admin = client(login(c.adminLoginId()));
        UUID endpoint = id(create(admin, c.id(), path("guarded"), List.of("*")));
        String base = "/api/v1/companies/" + c.id() + "/webhook-endpoints";
        for (String url : List.of("http://hooks.example.com/hook", "https://127.0.0.1/hook", "https://10.0.0.1/hook",
                "https://169.254.169.254/latest/meta-data", "https://[::1]/hook")) {
            admin.post().uri(base).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("url", url))
                    .exchange().expectStatus().isEqualTo(422).expectBody().jsonPath("$.errors[0].field").isEqualTo("url");
            admin.patch().uri(base + "/" + endpoint).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("url", url))
                    .exchange().expectStatus().isEqualTo(422).expectBody().jsonPath("$.errors[0].field").isEqualTo("url");
        }
        admin.post().uri(base).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", Receivers.webhookUrl(path("typed")), "eventTypes", List.of("order.place", "order.explode")))
                .exchange().expectStatus().isEqualTo(422).expectBody().jsonPath("$.errors[0].field").isEqualTo("eventTypes");
        admin.patch().uri(base + "/" + endpoint).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("eventTypes", List.of("auth.login")))
                .exchange().expectStatus().isEqualTo(422).expectBody().jsonPath("$.errors[0].field").isEqualTo("eventTypes");
        assertThat(sql.count("SELECT count(*) FROM webhook_endpoint WHERE company_id = ?", c.id())).isEqualTo(1);
        assertThat(sql.count("SELECT count(*) FROM webhook_endpoint WHERE id = ? AND url LIKE 'https://localhost%'"
                + " AND event_types = '{*}'", endpoint)).isEqualTo(1);

        Map<String, Object> changed = admin.patch().uri(base + "/" + endpoint).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("eventTypes", List.of("order.confirm"), "description", "受注連携")).exchange()
                .expectStatus().isOk().expectBody(JSON_OBJECT).returnResult().getResponseBody();
        assertThat(changed).containsEntry("eventTypes", List.of("order.confirm")).containsEntry("description", "受注連携");
        List<Object> catalogue = objects(admin.get().uri("/api/v1/webhook-event-types").exchange().expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody().get("items"));
        assertThat(catalogue).extracting(type -> field(type, "type"))
                .contains("alert.raised", "order.place", "order.confirm", "invoice.issue", "payment.record", "quote.send",
                        "specsheet.submit", "tradedoc.send", "contract.agree")
                .doesNotContain("auth.login", "*");
    }

    private Map<String, Object> create(WebTestClient admin, UUID companyId, String path, List<String> eventTypes) {
        return admin.post().uri("/api/v1/companies/{c}/webhook-endpoints", companyId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", Receivers.webhookUrl(path), "eventTypes", eventTypes))
                .exchange().expectStatus().isCreated().expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    private static UUID id(Map<String, Object> created) {
        return UUID.fromString((String) ((Map<?, ?>) created.get("endpoint")).get("id"));
    }

    private static String secret(Map<String, Object> created) {
        return (String) created.get("secret");
    }

    private static String path(String what) {
        return "/hook-" + what + "-" + UUID.randomUUID();
    }

    private static List<?> page(WebTestClient admin, String base, String query) {
        return (List<?>) admin.get().uri(base + query).exchange().expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody().get("items");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> item(WebTestClient admin, String base, String query) {
        List<?> items = page(admin, base, query);
        assertThat(items).hasSize(1);
        return (Map<String, Object>) items.get(0);
    }

    private static Object field(Object map, String name) {
        return ((Map<?, ?>) map).get(name);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> objects(Object list) {
        return (List<Object>) list;
    }

    private static void notFound(WebTestClient.ResponseSpec answer) {
        assertProblem(answer.expectStatus().isNotFound().expectBody(), "/problems/not-found", 404);
    }

    private static List<LoggedRequest> awaitRequests(String path, int count) {
        await().atMost(DEADLINE).until(() -> Receivers.webhooks().findAll(postRequestedFor(urlEqualTo(path))).size() >= count);
        return Receivers.webhooks().findAll(postRequestedFor(urlEqualTo(path)));
    }

    private static List<String> types(List<LoggedRequest> requests) throws Exception {
        List<String> types = new java.util.ArrayList<>();
        for (LoggedRequest request : requests) {
            types.add(JSON.readTree(request.getBody()).get("type").asString());
        }
        return types;
    }

    private static List<String> eventIds(List<LoggedRequest> requests) {
        return requests.stream().map(request -> request.getHeader("X-Btob-Event-Id")).toList();
    }

    private static String hmac(String secret, long t, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
