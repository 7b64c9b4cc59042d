package jp.btob.platform.system.logging;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jp.btob.platform.apiclient.ApiClientCaller;
import jp.btob.platform.identity.CurrentUser;
import jp.btob.platform.operator.CurrentOperator;
import jp.btob.platform.system.WebFilterOrder;
import jp.btob.platform.system.trace.RequestContext;
import jp.btob.platform.system.trace.TraceIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * One access-log line per request, on its own logger so that operators can route it: method,
 * route template, status, latency, caller and trace ID as structured fields (ECS names); an
 * operator is told from a company user by {@code user.domain} {@code operator}. Only
 * these facts are read; the query string, headers, cookies and bodies are never touched.
 */
@Component
class AccessLogFilter implements WebFilter, Ordered {

    static final String LOGGER = "jp.btob.platform.access";

    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long start = System.nanoTime();
        AtomicBoolean written = new AtomicBoolean();
        // Failures are answered by the exception handlers outside the filter chain, so the final
        // status is known only when the response is committed, not when this chain completes.
        exchange.getResponse().beforeCommit(() -> {
            write(exchange, start, written);
            return Mono.empty();
        });
        return chain.filter(exchange).doFinally(signal -> {
            if (signal == SignalType.CANCEL) {
                write(exchange, start, written);
            }
        });
    }

    private static void write(ServerWebExchange exchange, long start, AtomicBoolean written) {
        if (!written.compareAndSet(false, true) || !log.isInfoEnabled()) {
            return;
        }
        long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        String method = exchange.getRequest().getMethod().name();
        String route = RouteTemplate.of(exchange);
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        LoggingEventBuilder line = log.atInfo()
                .addKeyValue("event.dataset", "btob.access")
                .addKeyValue("http.request.method", method)
                .addKeyValue("http.route", route)
                .addKeyValue("http.latency_ms", latencyMs)
                .addKeyValue("trace.id", TraceIds.of(exchange));
        if (status != null) {
            line = line.addKeyValue("http.response.status_code", status.value());
        }
        String client = RequestContext.clientAddress(exchange);
        if (client != null) {
            line = line.addKeyValue("client.address", client);
        }
        Optional<CurrentUser> user = CurrentUser.authenticated(exchange);
        if (user.isPresent()) {
            line = line.addKeyValue("user.id", user.get().userId().toString())
                    .addKeyValue("organization.id", user.get().companyId().toString());
        }
        Optional<ApiClientCaller> apiClient = ApiClientCaller.authenticated(exchange);
        if (apiClient.isPresent()) {
            line = line.addKeyValue("user.id", apiClient.get().clientId().toString())
                    .addKeyValue("user.domain", "api-client")
                    .addKeyValue("organization.id", apiClient.get().companyId().toString());
        }
        Optional<CurrentOperator> operator = CurrentOperator.authenticated(exchange);
        if (operator.isPresent()) {
            line = line.addKeyValue("user.id", operator.get().operatorId().toString())
                    .addKeyValue("user.domain", "operator");
        }
        line.log("{} {} {} {} ms", method, route, status == null ? "cancelled" : status.value(), latencyMs);
    }

    @Override
    public int getOrder() {
        return WebFilterOrder.ACCESS_LOG.order();
    }
}
