package jp.btob.platform.firewall;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jp.btob.platform.api.model.AuditOutcome;
import jp.btob.platform.audit.Actor;
import jp.btob.platform.audit.AuditAction;
import jp.btob.platform.audit.AuditEntry;
import jp.btob.platform.audit.AuditLog;
import jp.btob.platform.identity.SessionProperties;
import jp.btob.platform.operator.OperatorProperties;
import jp.btob.platform.permission.OperationCatalog;
import jp.btob.platform.system.WebFilterOrder;
import jp.btob.platform.system.management.PlatformMetrics;
import jp.btob.platform.system.management.PlatformMetrics.BlockReason;
import jp.btob.platform.system.problem.ProblemType;
import jp.btob.platform.system.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The application firewall in front of everything that reads a request for the application
 * (SEC-WAF). The head (path, query, headers, cookies) is inspected first; a body is then read in
 * full, up to {@code btob.firewall.max-body} (413 beyond it), inspected, and handed on unchanged,
 * except a file's bytes ({@code application/octet-stream}, or a {@code multipart/form-data} form to
 * an operation whose spec takes a form, which refuses any part but the file), which no rule reads:
 * they stream on to the operation, which limits their size itself.
 * A finding of a blocking rule answers 403 {@code request-blocked} with an incident ID and records
 * {@code waf.block} with the rule, the part, its name and what matched (the operators' alert rule
 * watches it); a finding of a monitoring rule records {@code waf.detect} and lets the request on.
 */
@Component
class FirewallFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(FirewallFilter.class);

    private static final byte[] EMPTY = new byte[0];

    private static final int MAX_PATH = 200;

    private final FirewallProperties properties;

    private final RequestInspector inspector;

    private final AuditLog audit;

    private final Problems problems;

    private final PlatformMetrics metrics;

    private final OperationCatalog catalog;

    FirewallFilter(FirewallProperties properties, SessionProperties sessions, OperatorProperties operators, AuditLog audit,
                   Problems problems, PlatformMetrics metrics, OperationCatalog catalog) {
        this.properties = properties;
        this.inspector = new RequestInspector(properties.maxJsonDepth(), Set.copyOf(List.of(sessions.cookieName(), operators.cookieName())));
        this.audit = audit;
        this.problems = problems;
        this.metrics = metrics;
        this.catalog = catalog;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!properties.enabled()) {
            return chain.filter(exchange);
        }
        ServerHttpRequest request = exchange.getRequest();
        Mono<Void> oversized = oversized(exchange);
        if (oversized != null) {
            return oversized;
        }
        List<Finding> findings = new ArrayList<>(inspector.head(request));
        Optional<Finding> blocking = blocking(findings);
        if (blocking.isPresent()) {
            return block(exchange, blocking.get());
        }
        if (!hasBody(request) || streamed(request)) {
            return monitored(exchange, findings).then(chain.filter(exchange));
        }
        return DataBufferUtils.join(request.getBody(), (int) properties.maxBody().toBytes())
                .map(FirewallFilter::bytes)
                .defaultIfEmpty(EMPTY)
                .map(Optional::of)
                .onErrorResume(DataBufferLimitException.class, tooLarge -> Mono.just(Optional.empty()))
                .flatMap(read -> read.isEmpty()
                        ? problems.write(exchange, ProblemType.PAYLOAD_TOO_LARGE,
                                "The body is larger than " + properties.maxBody().toKilobytes() + " KB.")
                        : afterBody(exchange, chain, findings, read.get()));
    }

    /**
     * Whether the body streams on unread: a file's bytes, or a form to an operation that takes one,
     * where the operation accepts nothing but its one file part (the attachment upload).
     */
    private boolean streamed(ServerHttpRequest request) {
        MediaType type = request.getHeaders().getContentType();
        if (RequestInspector.streamed(type)) {
            return true;
        }
        return type != null && MediaType.MULTIPART_FORM_DATA.equalsTypeAndSubtype(type)
                && catalog.find(request.getMethod(), request.getPath().pathWithinApplication())
                        .map(OperationCatalog.Operation::multipart).orElse(false);
    }

    /** A 414 or 431 problem for a URI or header section over the limits, or null when within them. */
    private Mono<Void> oversized(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getURI().getRawPath();
        String query = request.getURI().getRawQuery();
        int uri = (path == null ? 0 : path.length()) + (query == null ? 0 : query.length() + 1);
        if (uri > properties.maxUriLength()) {
            return problems.write(exchange, ProblemType.URI_TOO_LONG,
                    "The URI is longer than " + properties.maxUriLength() + " characters.");
        }
        long headers = 0;
        for (Map.Entry<String, List<String>> header : request.getHeaders().headerSet()) {
            for (String value : header.getValue()) {
                headers += header.getKey().length() + value.length() + 4;
            }
        }
        if (headers > properties.maxHeaders().toBytes()) {
            return problems.write(exchange, ProblemType.HEADERS_TOO_LARGE,
                    "The headers are larger than " + properties.maxHeaders().toKilobytes() + " KB.");
        }
        return null;
    }

    private Mono<Void> afterBody(ServerWebExchange exchange, WebFilterChain chain, List<Finding> findings, byte[] body) {
        inspector.body(body, exchange.getRequest().getHeaders().getContentType()).ifPresent(findings::add);
        Optional<Finding> blocking = blocking(findings);
        if (blocking.isPresent()) {
            return block(exchange, blocking.get());
        }
        ServerHttpRequest replay = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
            }
        };
        return monitored(exchange, findings).then(chain.filter(exchange.mutate().request(replay).build()));
    }

    private Optional<Finding> blocking(List<Finding> findings) {
        return findings.stream().filter(finding -> properties.mode(finding.rule()) == FirewallMode.BLOCK).findFirst();
    }

    private Mono<Void> block(ServerWebExchange exchange, Finding finding) {
        UUID incident = incidentId();
        metrics.requestBlocked(BlockReason.FIREWALL);
        log.warn("Firewall blocked {} {}: rule {} in {} '{}' (incident {})", exchange.getRequest().getMethod(),
                path(exchange), finding.rule().key(), finding.part().key(), finding.name(), incident);
        return audit.record(entry(exchange, finding, AuditAction.WAF_BLOCK, AuditOutcome.FAILURE, incident))
                .then(problems.write(exchange, ProblemType.REQUEST_BLOCKED,
                        "The request looks like an attack (" + finding.rule().key() + " in the " + finding.part().key()
                                + "). Quote the incident ID if it is legitimate.", incident));
    }

    private Mono<Void> monitored(ServerWebExchange exchange, List<Finding> findings) {
        return Flux.fromIterable(findings)
                .concatMap(finding -> {
                    UUID incident = incidentId();
                    log.info("Firewall would have blocked {} {}: rule {} in {} '{}' (incident {})",
                            exchange.getRequest().getMethod(), path(exchange), finding.rule().key(),
                            finding.part().key(), finding.name(), incident);
                    return audit.record(entry(exchange, finding, AuditAction.WAF_DETECT, AuditOutcome.SUCCESS, incident));
                })
                .then();
    }

    /**
     * A random (version 4) UUID to name the incident by. It is no secret, so it comes from the
     * thread's generator rather than SecureRandom, which may read from a device on the event loop.
     */
    private static UUID incidentId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID((random.nextLong() & ~0xF000L) | 0x4000L,
                (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
    }

    private static AuditEntry entry(ServerWebExchange exchange, Finding finding, AuditAction action, AuditOutcome outcome,
                                    UUID incident) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("incidentId", incident.toString());
        details.put("rule", finding.rule().key());
        details.put("part", finding.part().key());
        details.put("name", finding.name());
        details.put("matched", finding.matched());
        details.put("request", exchange.getRequest().getMethod().name() + " " + path(exchange));
        return new AuditEntry(null, Actor.anonymous(), action, "request", null, outcome, details);
    }

    private static String path(ServerWebExchange exchange) {
        String path = exchange.getRequest().getURI().getRawPath();
        return path == null ? "" : path.length() <= MAX_PATH ? path : path.substring(0, MAX_PATH);
    }

    private static boolean hasBody(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    @Override
    public int getOrder() {
        return WebFilterOrder.FIREWALL.order();
    }
}
