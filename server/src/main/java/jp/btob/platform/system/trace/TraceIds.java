package jp.btob.platform.system.trace;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.web.server.ServerWebExchange;

/** Where a request's trace ID lives, and how one is made. */
public final class TraceIds {

    public static final String HEADER = "X-Trace-Id";

    static final String ATTRIBUTE = TraceIds.class.getName() + ".traceId";

    private TraceIds() {
    }

    /** The request's trace ID; one is made if the trace filter has not run. */
    public static String of(ServerWebExchange exchange) {
        return exchange.getAttributes().computeIfAbsent(ATTRIBUTE, key -> newTraceId()).toString();
    }

    /** 128 random bits in the W3C trace-context format; not a secret, so a fast generator is enough. */
    static String newTraceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong());
    }
}
