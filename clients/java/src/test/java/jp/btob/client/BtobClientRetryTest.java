package jp.btob.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static jp.btob.client.Stubs.json;
import static jp.btob.client.Stubs.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jp.btob.client.model.Order;
import jp.btob.client.model.OrderConfirmation;
import jp.btob.client.model.OrderCreate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Retries, backoff, Retry-After and idempotency keys against a scripted server (PLT-SDK, PLT-IDEM). */
class BtobClientRetryTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final UUID ORDER_ID = UUID.fromString("3f9a4c1e-6b2d-4c8a-9e1f-2a7b5c3d4e6f");
    private static final String ORDERS = "/api/v1/orders";
    private static final String ORDER = ORDERS + "/" + ORDER_ID;
    private static final String ORDER_BODY = "{\"id\":\"" + ORDER_ID + "\",\"status\":\"PLACED\",\"version\":0}";

    private WireMockServer server;
    private BtobClient client;

    @BeforeEach
    void start() {
        server = Stubs.started();
        client = clientFor(server.baseUrl());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private static BtobClient clientFor(String baseUrl) {
        return BtobClient.builder().baseUrl(baseUrl).allowInsecureHttp().bearerToken("tok")
                .defaultOptions(RequestOptions.builder().retryBackoff(Duration.ofMillis(10), Duration.ofSeconds(5)).build())
                .build();
    }

    @Test
    @DisplayName("[PLT-SDK] a 429 with Retry-After is retried after waiting at least that long, with the same Idempotency-Key, so one order is placed")
    void rateLimitedThenRetriedWithSameKey() {
        server.stubFor(post(ORDERS).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(problem(429, "/problems/rate-limited").withHeader("Retry-After", "1"))
                .willSetStateTo("open"));
        server.stubFor(post(ORDERS).inScenario("limit").whenScenarioStateIs("open")
                .willReturn(json(201, ORDER_BODY)));

        long started = System.nanoTime();
        Order placed = client.orders().placeOrder(new OrderCreate().title("部品"), null).block(WAIT);
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(placed.getId()).isEqualTo(ORDER_ID);
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        List<LoggedRequest> sent = server.findAll(postRequestedFor(urlEqualTo(ORDERS)));
        assertThat(sent).hasSize(2);
        String key = sent.get(0).getHeader("Idempotency-Key");
        assertThat(key).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(sent.get(1).getHeader("Idempotency-Key")).isEqualTo(key);
        assertThat(sent.get(1).getBodyAsString()).isEqualTo(sent.get(0).getBodyAsString()).contains("部品");
    }

    @Test
    @DisplayName("[PLT-SDK] 503 three times: the client gives up after 3 attempts with the last answer's problem")
    void unavailableThenGivesUp() {
        server.stubFor(get(ORDER).willReturn(problem(503, "/problems/unavailable")));

        assertThatThrownBy(() -> client.orders().getOrder(ORDER_ID).block(WAIT))
                .isExactlyInstanceOf(BtobApiException.class)
                .hasMessageContaining("503 /problems/unavailable")
                .hasMessageEndingWith("gave up after 3 attempts")
                .satisfies(error -> {
                    BtobApiException problem = (BtobApiException) error;
                    assertThat(problem.getStatus()).isEqualTo(503);
                    assertThat(problem.getAttempts()).isEqualTo(3);
                });
        server.verify(3, getRequestedFor(urlEqualTo(ORDER)));
    }

    @Test
    @DisplayName("[PLT-SDK] 502 and 504 are retried, and a success ends the retries")
    void gatewayErrorsThenRetried() {
        server.stubFor(get(ORDER).inScenario("gw").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502).withBody("<html>Bad Gateway</html>")).willSetStateTo("504"));
        server.stubFor(get(ORDER).inScenario("gw").whenScenarioStateIs("504")
                .willReturn(aResponse().withStatus(504)).willSetStateTo("ok"));
        server.stubFor(get(ORDER).inScenario("gw").whenScenarioStateIs("ok").willReturn(json(200, ORDER_BODY)));

        assertThat(client.orders().getOrder(ORDER_ID).block(WAIT).getId()).isEqualTo(ORDER_ID);
        server.verify(3, getRequestedFor(urlEqualTo(ORDER)));
    }

    @Test
    @DisplayName("[PLT-SDK] 400 and 422 are never retried, even on a keyed POST")
    void clientErrorsThenNotRetried() {
        server.stubFor(post(ORDERS).willReturn(problem(422, "/problems/unprocessable")));
        server.stubFor(get(ORDER).willReturn(problem(400, "/problems/validation")));

        assertThatThrownBy(() -> client.orders().placeOrder(new OrderCreate(), null).block(WAIT))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getAttempts()).isEqualTo(1));
        assertThatThrownBy(() -> client.orders().getOrder(ORDER_ID).block(WAIT))
                .isInstanceOf(InvalidRequestException.class);
        server.verify(1, postRequestedFor(urlEqualTo(ORDERS)));
        server.verify(1, getRequestedFor(urlEqualTo(ORDER)));
    }

    @Test
    @DisplayName("[PLT-IDEM] a POST whose operation takes no Idempotency-Key is sent once, never retried, and carries no key")
    void postWithoutKeyThenNotRetried() {
        server.stubFor(post(ORDER + "/confirm").willReturn(problem(503, "/problems/unavailable")));

        assertThatThrownBy(() -> client.orders().confirmOrder(ORDER_ID, new OrderConfirmation(), "\"0\"").block(WAIT))
                .isInstanceOfSatisfying(BtobApiException.class, e -> {
                    assertThat(e.getStatus()).isEqualTo(503);
                    assertThat(e.getAttempts()).isEqualTo(1);
                });
        server.verify(1, postRequestedFor(urlEqualTo(ORDER + "/confirm")).withHeader("Idempotency-Key", absent()));
    }

    @Test
    @DisplayName("[PLT-IDEM] 409 idempotency-in-progress is retried with the same key; another 409 is not")
    void inProgressThenRetried() {
        server.stubFor(post(ORDERS).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(problem(409, "/problems/idempotency-in-progress").withHeader("Retry-After", "0"))
                .willSetStateTo("done"));
        server.stubFor(post(ORDERS).inScenario("busy").whenScenarioStateIs("done").willReturn(json(201, ORDER_BODY)));
        server.stubFor(post(ORDER + "/invoice").willReturn(problem(409, "/problems/conflict")));

        assertThat(client.orders().placeOrder(new OrderCreate(), null).block(WAIT).getId()).isEqualTo(ORDER_ID);
        List<LoggedRequest> sent = server.findAll(postRequestedFor(urlEqualTo(ORDERS)));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).getHeader("Idempotency-Key")).isEqualTo(sent.get(0).getHeader("Idempotency-Key"));

        assertThatThrownBy(() -> client.invoices().invoiceOrder(ORDER_ID, null).block(WAIT))
                .isInstanceOf(ConflictException.class);
        server.verify(1, postRequestedFor(urlEqualTo(ORDER + "/invoice")));
    }

    @Test
    @DisplayName("[PLT-SDK] a refused connection is retried, then fails saying how many attempts were made")
    void connectionRefusedThenRetried() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        BtobClient refused = clientFor("http://localhost:" + closedPort);

        long started = System.nanoTime();
        assertThatThrownBy(() -> refused.orders().getOrder(ORDER_ID).block(WAIT))
                .isInstanceOfSatisfying(BtobConnectionException.class, e -> assertThat(e.getAttempts()).isEqualTo(3))
                .hasMessageContaining("GET http://localhost:" + closedPort + ORDER)
                .hasMessageContaining("after 3 attempts");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    @DisplayName("[PLT-SDK] a response slower than the call's timeout fails the attempt; a view with a longer timeout waits for it")
    void responseTimeoutPerCall() {
        server.stubFor(get(ORDER).willReturn(json(200, ORDER_BODY).withFixedDelay(700)));
        BtobClient hasty = client.withOptions(RequestOptions.builder().responseTimeout(Duration.ofMillis(150)).maxRetries(0).build());

        assertThatThrownBy(() -> hasty.orders().getOrder(ORDER_ID).block(WAIT))
                .isInstanceOfSatisfying(BtobConnectionException.class, e -> assertThat(e.getAttempts()).isEqualTo(1));
        assertThat(hasty.withOptions(RequestOptions.builder().responseTimeout(Duration.ofSeconds(5)).build())
                .orders().getOrder(ORDER_ID).block(WAIT).getId()).isEqualTo(ORDER_ID);
    }

    @Test
    @DisplayName("[PLT-IDEM] each call gets its own fresh key; a key given as the parameter or in the options is sent as given, the parameter first")
    void keysPerCall() {
        server.stubFor(post(ORDERS).willReturn(json(201, ORDER_BODY)));
        server.stubFor(get(ORDER).willReturn(json(200, ORDER_BODY)));

        client.orders().placeOrder(new OrderCreate(), null).block(WAIT);
        client.orders().placeOrder(new OrderCreate(), null).block(WAIT);
        BtobClient keyed = client.withOptions(RequestOptions.builder().idempotencyKey("erp-4711").build());
        keyed.orders().placeOrder(new OrderCreate(), null).block(WAIT);
        keyed.orders().placeOrder(new OrderCreate(), "caller-1").block(WAIT);
        client.orders().getOrder(ORDER_ID).block(WAIT);

        List<String> keys = server.findAll(postRequestedFor(urlEqualTo(ORDERS))).stream()
                .map(request -> request.getHeader("Idempotency-Key")).toList();
        assertThat(keys).hasSize(4);
        assertThat(keys.get(0)).isNotEqualTo(keys.get(1));
        assertThat(keys.subList(2, 4)).containsExactly("erp-4711", "caller-1");
        server.verify(getRequestedFor(urlEqualTo(ORDER)).withHeader("Idempotency-Key", absent()));
    }

    @Test
    @DisplayName("[PLT-IDEM] resubscribing one call sends its key again: the key belongs to the call, not to the subscription")
    void resubscribedCallKeepsKey() {
        server.stubFor(post(ORDERS).willReturn(json(201, ORDER_BODY)));
        var call = client.orders().placeOrder(new OrderCreate(), null);

        call.block(WAIT);
        call.block(WAIT);

        List<LoggedRequest> sent = server.findAll(postRequestedFor(urlEqualTo(ORDERS)));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).getHeader("Idempotency-Key")).isEqualTo(sent.get(0).getHeader("Idempotency-Key"));
    }

    @Test
    @DisplayName("[PLT-SDK] maxRetries 0 sends once; a view's options leave the client's own untouched")
    void viewOptionsDoNotLeak() {
        server.stubFor(get(ORDER).willReturn(problem(503, "/problems/unavailable")));

        assertThatThrownBy(() -> client.withOptions(RequestOptions.builder().maxRetries(0).build())
                .orders().getOrder(ORDER_ID).block(WAIT)).isInstanceOf(BtobApiException.class);
        server.verify(1, getRequestedFor(urlEqualTo(ORDER)));
        server.resetRequests();

        assertThatThrownBy(() -> client.orders().getOrder(ORDER_ID).block(WAIT)).isInstanceOf(BtobApiException.class);
        server.verify(3, getRequestedFor(urlEqualTo(ORDER)));
        assertThat(client.options().getMaxRetries()).isEqualTo(2);
    }

    @Test
    @DisplayName("[PLT-SDK] a view shares the client's session token and connection settings")
    void viewSharesSession() {
        server.stubFor(any(anyUrl()).willReturn(json(200, ORDER_BODY)));

        client.withOptions(RequestOptions.none()).orders().getOrder(ORDER_ID).block(WAIT);

        server.verify(anyRequestedFor(urlPathEqualTo(ORDER)).withHeader("Authorization", matching("Bearer tok"))
                .withHeader("User-Agent", matching("btob-client-java/.*")));
    }
}
