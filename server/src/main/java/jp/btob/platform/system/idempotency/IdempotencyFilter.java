package jp.btob.platform.system.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jp.btob.platform.api.model.FieldError;
import jp.btob.platform.permission.Caller;
import jp.btob.platform.permission.Callers;
import jp.btob.platform.permission.OperationCatalog;
import jp.btob.platform.system.Sha256;
import jp.btob.platform.system.Times;
import jp.btob.platform.system.problem.ProblemType;
import jp.btob.platform.system.problem.Problems;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Honours {@code Idempotency-Key} on the operations whose spec declares it (PLT-IDEM). The first
 * request claims the key in one statement; its answer, 2xx to 4xx, is stored before it is sent,
 * and a retry with the same request gets it again, marked {@code Idempotent-Replayed}. A retry
 * while the first is still served polls for its answer for {@code btob.idempotency.wait}, then
 * answers 409 with {@code Retry-After}: waiting serves the usual client retry without a second
 * round trip, the bound keeps a stuck claim from holding connections. A failure of the platform
 * (5xx, or an exception) gives the claim up, so that a retry can succeed. Runs after the
 * permission gate, so that the caller is known and a refused request claims nothing.
 */
public final class IdempotencyFilter implements WebFilter {

    static final String HEADER = "Idempotency-Key";

    static final String REPLAYED = "Idempotent-Replayed";

    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private static final Duration POLL = Duration.ofMillis(50);

    private final OperationCatalog catalog;

    private final IdempotencyRepository keys;

    private final Problems problems;

    private final WebExceptionHandler failures;

    private final Clock clock;

    private final long polls;

    public IdempotencyFilter(OperationCatalog catalog, IdempotencyStore store, Problems problems,
                             WebExceptionHandler failures) {
        this.catalog = catalog;
        this.keys = store.repository();
        this.problems = problems;
        this.failures = failures;
        this.clock = store.clock();
        this.polls = Math.max(1, store.properties().retryWait().toMillis() / POLL.toMillis());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String key = request.getHeaders().getFirst(HEADER);
        if (key == null || !HttpMethod.POST.equals(request.getMethod())
                || !catalog.find(request.getMethod(), request.getPath().pathWithinApplication())
                        .map(OperationCatalog.Operation::idempotent).orElse(false)) {
            return chain.filter(exchange);
        }
        if (!VALID_KEY.matcher(key).matches()) {
            return problems.write(exchange, ProblemType.VALIDATION, "1 field is invalid.",
                    List.of(new FieldError(HEADER, FieldError.CodeEnum.INVALID, "must be 1 to 255 printable ASCII characters")),
                    HttpHeaders.EMPTY);
        }
        return Callers.current().map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(caller -> caller.isEmpty() ? chain.filter(exchange)
                        : CapturingResponse.bytes(request.getBody()).flatMap(body -> {
                            IdempotencyClaim claim = new IdempotencyClaim(scope(caller.get()), key,
                                    request.getMethod().name(), request.getPath().pathWithinApplication().value(),
                                    Sha256.of(body));
                            return serve(exchange.mutate().request(replaying(request, body)).build(), chain, claim, 0);
                        }));
    }

    private Mono<Void> serve(ServerWebExchange exchange, WebFilterChain chain, IdempotencyClaim claim, long attempt) {
        return keys.claim(claim, Times.now(clock)).flatMap(claimed -> claimed
                ? first(exchange, chain, claim)
                : keys.find(claim)
                        .map(Optional::of)
                        .defaultIfEmpty(Optional.empty())
                        .flatMap(stored -> stored.isEmpty()
                                // Given up by a failed first attempt just now: claim it again.
                                ? serve(exchange, chain, claim, attempt + 1)
                                : retry(exchange, chain, claim, stored.get(), attempt)));
    }

    private Mono<Void> retry(ServerWebExchange exchange, WebFilterChain chain, IdempotencyClaim claim, StoredKey stored,
                             long attempt) {
        if (!claim.sameRequest(stored)) {
            return problems.write(exchange, ProblemType.IDEMPOTENCY_KEY_REUSED, "The Idempotency-Key " + claim.key()
                    + " was used before for another request (another body, method or path); use a new key for a new request.");
        }
        if (stored.done()) {
            return replay(exchange.getResponse(), stored.response());
        }
        if (attempt >= polls) {
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, "1");
            return problems.write(exchange, ProblemType.IDEMPOTENCY_IN_PROGRESS, "A request with the Idempotency-Key "
                    + claim.key() + " is still being served; retry to get its answer.", List.of(), headers);
        }
        return Mono.delay(POLL).then(Mono.defer(() -> serve(exchange, chain, claim, attempt + 1)));
    }

    /** Serves the request that holds the claim, storing its answer, or giving the claim up if the platform failed. */
    private Mono<Void> first(ServerWebExchange exchange, WebFilterChain chain, IdempotencyClaim claim) {
        CapturingResponse response = new CapturingResponse(exchange.getResponse(), answer -> answer.status() >= 500
                ? keys.release(claim)
                : keys.complete(claim, answer));
        ServerWebExchange capturing = exchange.mutate().response(response).build();
        return chain.filter(capturing)
                // Handled here rather than by the outer handler, so that the problem goes through the capture.
                .onErrorResume(failure -> failures.handle(capturing, failure))
                .then(Mono.defer(() -> response.kept() ? Mono.empty() : keys.release(claim)));
    }

    private static Mono<Void> replay(ServerHttpResponse response, StoredResponse stored) {
        response.setStatusCode(HttpStatusCode.valueOf(stored.status()));
        HttpHeaders headers = response.getHeaders();
        if (stored.location() != null) {
            headers.set(HttpHeaders.LOCATION, stored.location());
        }
        if (stored.etag() != null) {
            headers.setETag(stored.etag());
        }
        if (stored.contentType() != null) {
            headers.setContentType(MediaType.parseMediaType(stored.contentType()));
        }
        headers.set(REPLAYED, "true");
        headers.setContentLength(stored.body().length);
        return stored.body().length == 0
                ? response.setComplete()
                : response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(stored.body())));
    }

    /** Whose key it is: the company and the user or API client, so two callers' keys never meet. */
    private static String scope(Caller caller) {
        return caller.companyId() + ":" + caller.actor().type().getValue() + ":" + caller.actor().id();
    }

    /** The request with its body, read once here, to be read again by the handler. */
    private static ServerHttpRequest replaying(ServerHttpRequest request, byte[] body) {
        return new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body)));
            }
        };
    }
}
