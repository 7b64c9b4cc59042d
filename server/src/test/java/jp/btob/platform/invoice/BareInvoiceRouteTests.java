package jp.btob.platform.invoice;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jp.btob.platform.support.SecondInstance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/** The load benchmark's bare route: absent unless the profile {@code benchmark} is active. */
class BareInvoiceRouteTests extends InvoiceTest {

    @Autowired
    private ApplicationContext context;

    @Test
    @DisplayName("[SEC-WAF] without the benchmark profile the bare route does not exist: an existing invoice's bare path answers 404")
    void offByDefault() {
        Object id = issue(registered("bare-off"), lines()).get("id");

        client().get().uri(BareInvoiceRoute.PREFIX + id).exchange().expectStatus().isNotFound();
        assertThat(context.getEnvironment().getActiveProfiles()).doesNotContain("benchmark");
        assertThat(context.getBeansOfType(BareInvoiceRoute.class)).isEmpty();
    }

    @Test
    @DisplayName("[SEC-WAF] with the benchmark profile the bare route answers the invoice's JSON and ETag as the real GET does, 404 for an unknown or malformed ID, outside the filter chain; other methods on its path are handed to the chain, and the API keeps it")
    void answersAsTheRealGet() {
        Trade trade = registered("bare-on");
        Object id = issue(trade, lines()).get("id");
        EntityExchangeResult<Map<String, Object>> real = trade.asSeller().get().uri("/api/v1/invoices/{id}", id)
                .exchange().expectStatus().isOk().expectBody(JSON_OBJECT).returnResult();

        try (SecondInstance benchmark = secondInstance(Map.of("spring.profiles.active", "benchmark"))) {
            WebTestClient anonymous = benchmark.client();
            EntityExchangeResult<Map<String, Object>> bare = anonymous.get().uri(BareInvoiceRoute.PREFIX + id)
                    .exchange().expectStatus().isOk()
                    .expectHeader().contentType(MediaType.APPLICATION_JSON)
                    .expectHeader().doesNotExist("Strict-Transport-Security")
                    .expectBody(JSON_OBJECT).returnResult();

            assertThat(bare.getResponseBody()).isEqualTo(real.getResponseBody()).containsEntry("id", id);
            assertThat(bare.getResponseHeaders().getETag()).isEqualTo(real.getResponseHeaders().getETag()).isNotNull();
            anonymous.get().uri(BareInvoiceRoute.PREFIX + UUID.randomUUID()).exchange().expectStatus().isNotFound();
            anonymous.get().uri(BareInvoiceRoute.PREFIX + "1%27%20OR%201=1").exchange().expectStatus().isNotFound();
            // Only GET is bare: the route hands every other method on its path to the filter chain untouched.
            BareInvoiceRoute route = benchmark.bean(BareInvoiceRoute.class);
            for (HttpMethod method : List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.HEAD)) {
                MockServerHttpRequest request = MockServerHttpRequest.method(method, BareInvoiceRoute.PREFIX + id).build();
                MockServerHttpResponse response = new MockServerHttpResponse();
                AtomicReference<ServerHttpRequest> handedOn = new AtomicReference<>();
                route.apply((passed, ignored) -> {
                    handedOn.set(passed);
                    return Mono.empty();
                }).handle(request, response).block(Duration.ofSeconds(5));
                assertThat(handedOn.get()).as("%s handed to the chain", method).isSameAs(request);
                assertThat(response.getStatusCode()).as("%s answered by the chain, not the route", method).isNull();
            }
            anonymous.get().uri("/api/v1/invoices/{id}", id).exchange().expectStatus().isUnauthorized()
                    .expectHeader().exists("Strict-Transport-Security");
        }
    }
}
