package jp.btob.platform.system.logging;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;

/** Which name of the target the access log writes. */
class RouteTemplateTests {

    private static final String COMPANY_PATH = "/api/v1/companies/0b0b0000-0000-4000-8000-000000000001/partners";

    @Test
    @DisplayName("[OPS-LOG] a matched route is logged as its template, whatever the status")
    void routeMatchedThenTemplate() {
        for (HttpStatus status : new HttpStatus[] {HttpStatus.OK, HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND}) {
            MockServerWebExchange exchange = exchange(COMPANY_PATH + "?secret=x", status);
            exchange.getAttributes().put(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE,
                    PathPatternParser.defaultInstance.parse("/api/v1/companies/{companyId}/partners"));

            assertThat(RouteTemplate.of(exchange)).isEqualTo("/api/v1/companies/{companyId}/partners");
        }
    }

    @Test
    @DisplayName("[OPS-LOG] no route and an error status: UNMATCHED, never the path as sent")
    void noRouteWhenErrorThenUnmatched() {
        for (HttpStatus status : new HttpStatus[] {HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND}) {
            assertThat(RouteTemplate.of(exchange("/api/v1/chosen-by-the-caller", status))).isEqualTo(RouteTemplate.UNMATCHED);
        }
        assertThat(RouteTemplate.of(exchange("/api/v1/no-status", null))).isEqualTo(RouteTemplate.UNMATCHED);
    }

    @Test
    @DisplayName("[OPS-LOG] a catch-all pattern (static resources) is no route: UNMATCHED on error, the path without query when served")
    void catchAllThenLiteralPathOnlyWhenServed() {
        MockServerWebExchange missing = exchange("/api/v1/no-such-thing", HttpStatus.NOT_FOUND);
        missing.getAttributes().put(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, PathPatternParser.defaultInstance.parse("/**"));
        MockServerWebExchange served = exchange("/api-spec/identity.yaml?token=abc", HttpStatus.OK);
        served.getAttributes().put(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, PathPatternParser.defaultInstance.parse("/api-spec/**"));

        assertThat(RouteTemplate.of(missing)).isEqualTo(RouteTemplate.UNMATCHED);
        assertThat(RouteTemplate.of(served)).isEqualTo("/api-spec/identity.yaml");
    }

    @Test
    @DisplayName("[OPS-LOG] a non-API path served without a pattern is logged as the path, without its query")
    void servedWithoutPatternThenPathWithoutQuery() {
        assertThat(RouteTemplate.of(exchange("/swagger-ui.html?secret=x", HttpStatus.FOUND))).isEqualTo("/swagger-ui.html");
    }

    private static MockServerWebExchange exchange(String uri, HttpStatus status) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get(uri));
        if (status != null) {
            exchange.getResponse().setStatusCode(status);
        }
        return exchange;
    }
}
