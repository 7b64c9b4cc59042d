package jp.btob.platform.invoice;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import jp.btob.platform.system.ETags;
import jp.btob.platform.trade.TradeDates;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The load benchmark's bare route, only with the profile {@code benchmark}: {@code GET
 * /bench/bare/invoices/{id}} answers the invoice as {@code GET /api/v1/invoices/{id}} does, read
 * by the same repository and mapper and written by the same JSON mapper, but in front of every
 * web filter, Spring Security and the dispatcher. A load run of both states the cost of the
 * filter chain as a ratio. It checks no caller at all, so it never runs where real data is.
 */
@Component
@Profile("benchmark")
class BareInvoiceRoute implements HttpHandlerDecoratorFactory {

    static final String PREFIX = "/bench/bare/invoices/";

    private final InvoiceRepository invoices;

    private final JsonMapper json;

    private final Clock clock;

    BareInvoiceRoute(InvoiceRepository invoices, JsonMapper json, Clock clock) {
        this.invoices = invoices;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public HttpHandler apply(HttpHandler next) {
        return (request, response) -> {
            String path = request.getPath().pathWithinApplication().value();
            if (request.getMethod() != HttpMethod.GET || !path.startsWith(PREFIX)) {
                return next.handle(request, response);
            }
            Optional<UUID> id = id(path.substring(PREFIX.length()));
            return id.map(invoices::find).orElseGet(Mono::empty)
                    .map(Optional::of)
                    .defaultIfEmpty(Optional.empty())
                    .flatMap(found -> found.map(row -> write(response, row)).orElseGet(() -> notFound(response)));
        };
    }

    private Mono<Void> write(ServerHttpResponse response, InvoiceRow row) {
        byte[] body = json.writeValueAsBytes(InvoiceMapper.toApi(row, TradeDates.today(clock)));
        response.setStatusCode(HttpStatus.OK);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().set(HttpHeaders.ETAG, ETags.of(row.version()));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    private static Mono<Void> notFound(ServerHttpResponse response) {
        response.setStatusCode(HttpStatus.NOT_FOUND);
        return response.setComplete();
    }

    private static Optional<UUID> id(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }
}
