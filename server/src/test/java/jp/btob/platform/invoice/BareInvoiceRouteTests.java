package jp.btob.platform.invoice;

import java.util.Map;
import java.util.UUID;

import jp.btob.platform.support.SecondInstance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

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
    @DisplayName("[SEC-WAF] with the benchmark profile the bare route answers the invoice's JSON and ETag as the real GET does, 404 for an unknown or malformed ID, and the API keeps its filter chain")
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
                    .expectBody(JSON_OBJECT).returnResult();

            assertThat(bare.getResponseBody()).isEqualTo(real.getResponseBody()).containsEntry("id", id);
            assertThat(bare.getResponseHeaders().getETag()).isEqualTo(real.getResponseHeaders().getETag()).isNotNull();
            anonymous.get().uri(BareInvoiceRoute.PREFIX + UUID.randomUUID()).exchange().expectStatus().isNotFound();
            anonymous.get().uri(BareInvoiceRoute.PREFIX + "1%27%20OR%201=1").exchange().expectStatus().isNotFound();
            anonymous.post().uri(BareInvoiceRoute.PREFIX + id).exchange()
                    .expectHeader().doesNotExist(HttpHeaders.ETAG);
            anonymous.get().uri("/api/v1/invoices/{id}", id).exchange().expectStatus().isUnauthorized();
        }
    }
}
