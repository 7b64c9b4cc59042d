package jp.btob.client;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import jp.btob.client.model.Order;
import jp.btob.client.model.OrderPage;
import jp.btob.client.model.OrderStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Cursor paging over the generated list operations (PLT-SDK). */
class PagesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ORDERS = "/api/v1/orders";

    private WireMockServer server;
    private BtobClient client;
    private Pages<Order> orders;

    @BeforeEach
    void start() {
        server = Stubs.started();
        client = BtobClient.builder().baseUrl(server.baseUrl()).allowInsecureHttp().bearerToken("tok").build();
        page(null, "c2", 1, 2);
        page("c2", "c3", 3, 4);
        page("c3", null, 5);
        orders = Pages.of(cursor -> client.orders().listOrders("received", OrderStatus.PLACED, null, null, null, null, null,
                cursor, 2), OrderPage::getItems, OrderPage::getPage);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    @DisplayName("[PLT-SDK] iterating follows the cursors over three pages, passing the filters on each")
    void iteratesThreePages() {
        List<String> titles = orders.flux().map(Order::getTitle).collectList().block(WAIT);

        assertThat(titles).containsExactly("order-1", "order-2", "order-3", "order-4", "order-5");
        server.verify(1, getRequestedFor(urlPathEqualTo(ORDERS)).withQueryParam("cursor", absent()));
        server.verify(1, getRequestedFor(urlPathEqualTo(ORDERS)).withQueryParam("cursor", equalTo("c2")));
        server.verify(1, getRequestedFor(urlPathEqualTo(ORDERS)).withQueryParam("cursor", equalTo("c3")));
        server.verify(3, getRequestedFor(urlPathEqualTo(ORDERS)).withQueryParam("role", equalTo("received"))
                .withQueryParam("status", equalTo("PLACED")).withQueryParam("limit", equalTo("2")));
    }

    @Test
    @DisplayName("[PLT-SDK] paging is lazy: one request before the first item is taken, the next page only when its items are wanted")
    void lazy() {
        StepVerifier.create(orders.flux(), 0)
                .then(() -> assertThat(server.getAllServeEvents()).as("nothing asked for, nothing read").isEmpty())
                .thenRequest(1)
                .assertNext(order -> assertThat(order.getTitle()).isEqualTo("order-1"))
                .then(() -> assertThat(server.getAllServeEvents()).as("one request before the first item").hasSize(1))
                .thenRequest(1)
                .assertNext(order -> assertThat(order.getTitle()).isEqualTo("order-2"))
                .then(() -> assertThat(server.getAllServeEvents()).as("page 2 not read until wanted").hasSize(1))
                .thenRequest(1)
                .assertNext(order -> assertThat(order.getTitle()).isEqualTo("order-3"))
                .then(() -> assertThat(server.getAllServeEvents()).hasSize(2))
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    @DisplayName("[PLT-SDK] the blocking iterator reads one page before its first item and reads on as items are taken")
    void iteratorReadsAsTaken() {
        Iterator<Order> iterator = orders.iterator();

        assertThat(iterator.next().getTitle()).isEqualTo("order-1");
        assertThat(server.getAllServeEvents()).hasSize(1);
        List<String> rest = new java.util.ArrayList<>();
        iterator.forEachRemaining(order -> rest.add(order.getTitle()));
        assertThat(rest).containsExactly("order-2", "order-3", "order-4", "order-5");
        assertThat(server.getAllServeEvents()).hasSize(3);
    }

    @Test
    @DisplayName("[PLT-SDK] a stream stops reading pages where the caller stops")
    void streamStopsEarly() {
        try (Stream<Order> stream = orders.stream()) {
            // One item ahead of the caller is held, order-2: still on the first page.
            assertThat(stream.limit(1).map(Order::getTitle).toList()).containsExactly("order-1");
        }
        assertThat(server.getAllServeEvents()).hasSize(1);
    }

    @Test
    @DisplayName("[PLT-SDK] a list that answers the cursor it was asked for fails instead of looping for ever")
    void cursorLoopThenFails() {
        Pages<String> looping = Pages.byCursor(cursor -> Mono.just(cursor == null ? "first" : "again"),
                page -> List.of(page), page -> "same");

        assertThatThrownBy(() -> looping.flux().collectList().block(WAIT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("same");
    }

    private void page(String cursor, String next, int... numbers) {
        StringBuilder items = new StringBuilder();
        for (int n : numbers) {
            items.append(items.isEmpty() ? "" : ",").append("""
                    {"id":"00000000-0000-4000-8000-00000000000%d","title":"order-%d","status":"PLACED","version":0}
                    """.formatted(n, n));
        }
        String nextCursor = next == null ? "" : ",\"nextCursor\":\"" + next + "\"";
        var request = get(urlPathEqualTo(ORDERS));
        request = cursor == null ? request.withQueryParam("cursor", absent()) : request.withQueryParam("cursor", equalTo(cursor));
        server.stubFor(request.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"items\":[" + items + "],\"page\":{\"limit\":2" + nextCursor + "}}")));
    }
}
